// `npm run verify`: recomputes the hash chain over each ledger's transactions
// (sql/migrations/0042) in DATABASE_URL or, when it is unset, the database of the platform
// `npm start` runs on this machine, and prints one line per ledger. Exit code 0 when every chain
// holds, 1 when one is broken (the line names the ledger, the position and the transaction),
// 2 on bad usage or when the database cannot be reached.
//   npm run verify [-- --ledger NAME] [-- --after POSITION]
import { connect } from "@ledgerflow/platform/db";
import { operatorDatabaseUrl } from "@ledgerflow/platform/local";
import { describeVerdict, verifyChains } from "./chain/verify.ts";
import { LEDGER_NAME } from "@ledgerflow/platform/wire";

const USAGE = "usage: verify [--ledger NAME] [--after POSITION]";

function parseArgs(args: string[]): { ledger?: string; after?: bigint } | undefined {
  const out: { ledger?: string; after?: bigint } = {};
  for (let i = 0; i < args.length; i += 2) {
    const value = args[i + 1];
    if (value === undefined) return undefined;
    if (args[i] === "--ledger" && LEDGER_NAME.test(value)) out.ledger = value;
    else if (args[i] === "--after" && /^[0-9]{1,18}$/.test(value)) out.after = BigInt(value);
    else return undefined;
  }
  if (out.after !== undefined && out.ledger === undefined) return undefined;
  return out;
}

const options = parseArgs(process.argv.slice(2));
if (!options) {
  console.error(USAGE);
  process.exit(2);
}
const target = operatorDatabaseUrl(process.env);
if (!target) {
  console.error("DATABASE_URL is required (or a platform started with `npm start` on this machine, whose database is used)");
  process.exit(2);
}
if (target.from === "platform") console.error(`DATABASE_URL is not set: verifying the database of the running platform (${target.url})`);
const sql = connect({ url: target.url, max: 1, applicationName: "ledgerflow-verify" });
try {
  const from = options.ledger !== undefined && options.after !== undefined ? new Map([[options.ledger, options.after]]) : undefined;
  const verdicts = await verifyChains(sql, { ledger: options.ledger, from });
  for (const v of verdicts) (v.broken ? console.error : console.log)(describeVerdict(v));
  const broken = verdicts.filter((v) => v.broken).length;
  console.log(`${verdicts.length - broken} intact, ${broken} broken`);
  process.exitCode = broken > 0 ? 1 : 0;
} catch (error) {
  console.error(`verify failed: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await sql.end();
}
