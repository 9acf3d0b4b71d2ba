process.env.NODE_ENV = 'test';
process.env.JWT_SECRET ??= 'test-secret-not-for-production';
process.env.LOG_LEVEL ??= 'silent';
