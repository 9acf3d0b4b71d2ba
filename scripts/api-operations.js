// Prints the operation tables of docs/api.md from schema.graphql and the resolvers' @Authorized permissions:
// node scripts/api-operations.js (run after npm run codegen, paste between the markers).
const fs = require('fs'), path = require('path');
const { buildSchema } = require('graphql');
const schema = buildSchema(fs.readFileSync('schema.graphql', 'utf8'));
// permissions: @Authorized('a', 'b') ... methodName(
const perms = {};
for (const f of fs.readdirSync('src/resolvers')) {
  const s = fs.readFileSync(path.join('src/resolvers', f), 'utf8');
  const re = /@Authorized\(([^)]*)\)[\s\S]*?@(Query|Mutation|Subscription|FieldResolver)\([\s\S]*?\n\s*(?:async\s+)?(\w+)\s*\(/g;
  let m;
  while ((m = re.exec(s))) perms[m[3]] = m[1].replace(/'/g, '').replace(/\s+/g, ' ').trim() || 'signed in';
}
const out = [];
for (const [title, type] of [['Queries', schema.getQueryType()], ['Mutations', schema.getMutationType()], ['Subscriptions', schema.getSubscriptionType()]]) {
  out.push(`### ${title}`, '| operation | returns | permission |', '|---|---|---|');
  for (const f of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
    const args = f.args.map((a) => `${a.name}: ${a.type}`).join(', ');
    out.push(`| \`${f.name}${args ? `(${args})` : ''}\` | \`${f.type}\` | ${perms[f.name] ? '`' + perms[f.name] + '`' : 'public'} |`);
  }
  out.push('');
}
process.stdout.write(out.join('\n'));
