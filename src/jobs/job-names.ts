/** Every queue's name: the one place they are spelled. */
export const JOBS = {
  sendReceiptEmail: 'send-receipt-email',
  updateDailySummary: 'update-daily-summary',
  expireCarts: 'expire-carts',
  autoCloseSessions: 'auto-close-sessions',
  scheduleEodReports: 'schedule-eod-reports',
  generateEodReport: 'generate-eod-report',
  reconcileDailySummaries: 'reconcile-daily-summaries',
  compactCatalogueChanges: 'compact-catalogue-changes',
  pruneWebhookHistory: 'prune-webhook-history',
} as const;
