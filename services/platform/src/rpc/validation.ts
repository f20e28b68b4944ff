// The proto's field rules (buf.validate annotations: ids are UUIDs, ledger names, lengths, page
// sizes, amounts) checked with protovalidate before a handler runs, for every client kind: one
// Connect interceptor for gRPC, Connect and gRPC-Web, and checkRequest for the REST routes that
// decode into the same messages. A violation is INVALID_ARGUMENT naming the field in the proto's
// path syntax ("entries[1].amount"), like the services' own checks, which still run behind.
import { createRegistry, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { pathToString } from "@bufbuild/protobuf/reflect";
import type { Interceptor } from "@connectrpc/connect";
import { createValidator } from "@bufbuild/protovalidate";
import { file_ledgerflow_ledger_v1_rules } from "@ledgerflow/proto/gen/ledgerflow/ledger/v1/rules_pb.ts";
import { invalid } from "../errors.ts";

// LedgerFlow's predefined rules (ledger_name, minor_units) are extensions: the validator finds
// them in this registry.
const validator = createValidator({ registry: createRegistry(file_ledgerflow_ledger_v1_rules) });

/** Throws INVALID_ARGUMENT for the first violated rule of a request message. */
export function checkRequest<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): void {
  const result = validator.validate(schema, message);
  if (result.kind === "valid") return;
  // A rule that does not compile is our bug, not the caller's: it surfaces as INTERNAL.
  if (result.kind === "error") throw result.error;
  const first = result.violations[0]!;
  // protovalidate's messages read "value must be ..."; the field's name takes the subject's place.
  throw invalid(pathToString(first.field) || schema.name, first.message.replace(/^value /, ""));
}

/** Checks the request of every unary call against the proto's rules (the services have no client streams). */
export function validation(): Interceptor {
  return (next) => async (req) => {
    if (!req.stream) checkRequest(req.method.input, req.message);
    return next(req);
  };
}
