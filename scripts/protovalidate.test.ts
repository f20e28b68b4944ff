// The vendored protovalidate rules (proto/buf/validate/validate.proto) are what
// scripts/vendor-protovalidate.ts prints from the npm package's descriptor, and they compile to that
// same descriptor: the annotations in our proto mean what the validator at runtime reads.
import { expect, test } from "bun:test";
import fs from "node:fs";
import { clone, toBinary } from "@bufbuild/protobuf";
import { type DescriptorProto, type FileDescriptorProto, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { file_buf_validate_validate as published } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { file_buf_validate_validate as vendored } from "@ledgerflow/proto/gen/buf/validate/validate_pb.ts";
import { printValidateProto, VENDORED } from "./vendor-protovalidate.ts";

/** The descriptor without json_name, which code generators may or may not keep when it is the default. */
function normalized(file: FileDescriptorProto): FileDescriptorProto {
  const copy = clone(FileDescriptorProtoSchema, file);
  const strip = (m: DescriptorProto) => {
    for (const f of m.field) f.jsonName = "";
    m.nestedType.forEach(strip);
  };
  copy.messageType.forEach(strip);
  for (const e of copy.extension) e.jsonName = "";
  return copy;
}

test("proto/buf/validate/validate.proto is what scripts/vendor-protovalidate.ts prints", () => {
  expect(fs.readFileSync(VENDORED, "utf8")).toBe(printValidateProto());
});

test("the vendored file compiles to the descriptor the npm package validates with", () => {
  expect(vendored.proto.messageType.length).toBeGreaterThan(20);
  // Compared as bytes, so that the options count too: the rules themselves (the predefined CEL
  // expressions) are extensions that descriptor.proto does not know, kept as unknown fields.
  expect(Buffer.from(toBinary(FileDescriptorProtoSchema, normalized(vendored.proto))).equals(Buffer.from(toBinary(FileDescriptorProtoSchema, normalized(published.proto))))).toBe(true);
});
