// gRPC server reflection, v1 and v1alpha (grpcurl, buf curl, Postman and Kreya ask the server for
// its schema instead of needing the .proto files). Both versions have the same messages under
// different package names, so one index answers both. Answers carry the embedded descriptors of
// the generated code: a file, then those of its imports that this stream has not been sent yet.
import { toBinary, type DescFile, type DescMessage, type DescService } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, type ServiceImpl } from "@connectrpc/connect";
import { ServerReflection } from "@ledgerflow/proto/gen/grpc/reflection/v1/reflection_pb.ts";
import { ServerReflection as ServerReflectionAlpha } from "@ledgerflow/proto/gen/grpc/reflection/v1alpha/reflection_pb.ts";

export { ServerReflection, ServerReflectionAlpha };

/** Requests answered on one stream before it is closed (clients open a new one). */
const REQUESTS_PER_STREAM_MAX = 10_000;

type Request = { host: string; messageRequest: { case: string | undefined; value?: unknown } };
type Answer =
  | { case: "fileDescriptorResponse"; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: "allExtensionNumbersResponse"; value: { baseTypeName: string; extensionNumber: number[] } }
  | { case: "listServicesResponse"; value: { service: { name: string }[] } }
  | { case: "errorResponse"; value: { errorCode: number; errorMessage: string } };

export class ReflectionIndex {
  readonly #services: string[];
  readonly #files = new Map<string, DescFile>();
  /** Every fully qualified name a client may ask about (types, services, methods, fields, enum values). */
  readonly #symbols = new Map<string, DescFile>();
  /** Extendee type name → field number → the file declaring the extension. */
  readonly #extensions = new Map<string, Map<number, DescFile>>();

  constructor(services: DescService[]) {
    this.#services = services.map((s) => s.typeName).sort();
    for (const s of services) this.#addFile(s.file);
  }

  answer(request: Request["messageRequest"], sent: Set<string>): Answer {
    switch (request.case) {
      case "listServices":
        return { case: "listServicesResponse", value: { service: this.#services.map((name) => ({ name })) } };
      case "fileByFilename":
        return this.#fileAnswer(this.#files.get(String(request.value)), `file "${request.value}"`, sent);
      case "fileContainingSymbol":
        return this.#fileAnswer(this.#symbols.get(String(request.value)), `symbol "${request.value}"`, sent);
      case "fileContainingExtension": {
        const { containingType, extensionNumber } = request.value as { containingType: string; extensionNumber: number };
        return this.#fileAnswer(this.#extensions.get(containingType)?.get(extensionNumber), `extension ${extensionNumber} of "${containingType}"`, sent);
      }
      case "allExtensionNumbersOfType": {
        const name = String(request.value);
        if (!this.#symbols.has(name)) return notFound(`type "${name}"`);
        const numbers = [...(this.#extensions.get(name)?.keys() ?? [])].sort((a, b) => a - b);
        return { case: "allExtensionNumbersResponse", value: { baseTypeName: name, extensionNumber: numbers } };
      }
      default:
        return { case: "errorResponse", value: { errorCode: Code.InvalidArgument, errorMessage: "no request in the message" } };
    }
  }

  /** The file, then its imports (depth first) that this stream has not been sent. */
  #fileAnswer(file: DescFile | undefined, what: string, sent: Set<string>): Answer {
    if (!file) return notFound(what);
    const out: Uint8Array[] = [];
    const visit = (f: DescFile, always: boolean) => {
      if (sent.has(f.proto.name) && !always) return;
      sent.add(f.proto.name);
      out.push(toBinary(FileDescriptorProtoSchema, f.proto));
      for (const dep of f.dependencies) visit(dep, false);
    };
    // The asked-for file is always sent, even twice: the client asked for it.
    visit(file, true);
    return { case: "fileDescriptorResponse", value: { fileDescriptorProto: out } };
  }

  #addFile(file: DescFile): void {
    if (this.#files.has(file.proto.name)) return;
    this.#files.set(file.proto.name, file);
    for (const dep of file.dependencies) this.#addFile(dep);
    for (const e of file.enums) this.#addEnum(file, e.typeName, e.values);
    for (const m of file.messages) this.#addMessage(file, m);
    for (const x of file.extensions) this.#addExtension(file, x.typeName, x.extendee.typeName, x.number);
    for (const s of file.services) {
      this.#symbols.set(s.typeName, file);
      for (const m of s.methods) this.#symbols.set(`${s.typeName}.${m.name}`, file);
    }
  }

  #addMessage(file: DescFile, m: DescMessage): void {
    this.#symbols.set(m.typeName, file);
    for (const f of m.fields) this.#symbols.set(`${m.typeName}.${f.name}`, file);
    for (const o of m.oneofs) this.#symbols.set(`${m.typeName}.${o.name}`, file);
    for (const e of m.nestedEnums) this.#addEnum(file, e.typeName, e.values);
    for (const n of m.nestedMessages) this.#addMessage(file, n);
    for (const x of m.nestedExtensions) this.#addExtension(file, x.typeName, x.extendee.typeName, x.number);
  }

  #addEnum(file: DescFile, typeName: string, values: readonly { name: string }[]): void {
    this.#symbols.set(typeName, file);
    // Enum values are scoped beside their enum, as in C++.
    const scope = typeName.includes(".") ? typeName.slice(0, typeName.lastIndexOf(".") + 1) : "";
    for (const v of values) this.#symbols.set(`${scope}${v.name}`, file);
  }

  #addExtension(file: DescFile, typeName: string, extendee: string, number: number): void {
    this.#symbols.set(typeName, file);
    let byNumber = this.#extensions.get(extendee);
    if (!byNumber) {
      byNumber = new Map();
      this.#extensions.set(extendee, byNumber);
    }
    byNumber.set(number, file);
  }
}

function notFound(what: string): Answer {
  return { case: "errorResponse", value: { errorCode: Code.NotFound, errorMessage: `${what} not found` } };
}

async function* respond(index: ReflectionIndex, requests: AsyncIterable<Request>) {
  const sent = new Set<string>();
  let count = 0;
  for await (const req of requests) {
    if (++count > REQUESTS_PER_STREAM_MAX) return;
    yield { validHost: req.host, originalRequest: req, messageResponse: index.answer(req.messageRequest, sent) };
  }
}

/** Handlers for both reflection versions, describing `services` and everything they import. */
export function reflectionHandlers(services: DescService[]): { v1: ServiceImpl<typeof ServerReflection>; v1alpha: ServiceImpl<typeof ServerReflectionAlpha> } {
  const index = new ReflectionIndex([...services, ServerReflection, ServerReflectionAlpha]);
  return {
    v1: { serverReflectionInfo: (requests) => respond(index, requests) as never },
    v1alpha: { serverReflectionInfo: (requests) => respond(index, requests) as never },
  };
}
