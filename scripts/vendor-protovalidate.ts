// `bun scripts/vendor-protovalidate.ts`: writes proto/buf/validate/validate.proto, the
// protovalidate rules that the proto's `buf.validate` annotations use, from the file descriptor that
// the npm package @bufbuild/protovalidate (a dependency, pinned in package.json) embeds. The buf
// registry (buf.build) is not reachable from every build machine, and the npm package ships the
// descriptor but not the .proto text, so the text is printed from the descriptor: the same
// declarations, numbers and options, without the comments. scripts/protovalidate.test.ts checks
// that the file is what this prints and that it compiles to the package's descriptor.
import fs from "node:fs";
import path from "node:path";
import { getExtension, isFieldSet } from "@bufbuild/protobuf";
import { type DescriptorProto, DescriptorProtoSchema, type EnumDescriptorProto, type FieldDescriptorProto, FieldDescriptorProtoSchema, type FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { file_buf_validate_validate, predefined, RuleSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";

export const VENDORED = path.resolve(import.meta.dir, "../proto/buf/validate/validate.proto");
const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.resolve(import.meta.dir, "../node_modules/@bufbuild/protovalidate/package.json"), "utf8")).version;

const SCALARS: Record<number, string> = {
  1: "double",
  2: "float",
  3: "int64",
  4: "uint64",
  5: "int32",
  6: "fixed64",
  7: "fixed32",
  8: "bool",
  9: "string",
  12: "bytes",
  13: "uint32",
  15: "sfixed32",
  16: "sfixed64",
  17: "sint32",
  18: "sint64",
};
const LABELS: Record<number, string> = { 1: "optional", 2: "required", 3: "repeated" };
const FIELD_NUMBER_MAX = 536_870_912;

function quote(text: string): string {
  const escaped = text.replace(/[\\"\u0000-\u001f]/g, (c) => {
    if (c === "\\" || c === '"') return `\\${c}`;
    if (c === "\n") return "\\n";
    if (c === "\t") return "\\t";
    if (c === "\r") return "\\r";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return `"${escaped}"`;
}

/** protoc's default json_name: lowerCamelCase of the field name. */
function defaultJsonName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function fieldOptions(f: FieldDescriptorProto, indent: string): string {
  const options: string[] = [];
  if (isFieldSet(f, FieldDescriptorProtoSchema.field.jsonName) && f.jsonName !== defaultJsonName(f.name)) options.push(`json_name = ${quote(f.jsonName)}`);
  if (f.options) {
    for (const rule of getExtension(f.options, predefined).cel) {
      const parts = (["id", "message", "expression"] as const).filter((k) => isFieldSet(rule, RuleSchema.field[k])).map((k) => `${indent}    ${k}: ${quote(rule[k])}`);
      options.push(`(predefined).cel = {\n${parts.join("\n")}\n${indent}  }`);
    }
  }
  return options.length === 0 ? "" : ` [\n${indent}  ${options.join(`,\n${indent}  `)}\n${indent}]`;
}

function field(f: FieldDescriptorProto, indent: string, inOneof: boolean): string {
  const type = SCALARS[f.type] ?? f.typeName;
  const label = inOneof ? "" : `${LABELS[f.label]} `;
  return `${indent}${label}${type} ${f.name} = ${f.number}${fieldOptions(f, indent)};\n`;
}

function reserved(ranges: { start: number; end: number }[], names: string[], indent: string, endExclusive: boolean): string {
  let out = "";
  for (const r of ranges) {
    const end = endExclusive ? r.end - 1 : r.end;
    out += `${indent}reserved ${r.start === end ? r.start : `${r.start} to ${end}`};\n`;
  }
  for (const n of names) out += `${indent}reserved ${quote(n)};\n`;
  return out;
}

function enumType(e: EnumDescriptorProto, indent: string): string {
  let out = `${indent}enum ${e.name} {\n`;
  for (const v of e.value) out += `${indent}  ${v.name} = ${v.number};\n`;
  out += reserved(e.reservedRange, e.reservedName, `${indent}  `, false);
  return `${out}${indent}}\n`;
}

function message(m: DescriptorProto, indent: string): string {
  const inner = `${indent}  `;
  let out = `${indent}message ${m.name} {\n`;
  const printedOneofs = new Set<number>();
  for (const f of m.field) {
    if (!isFieldSet(f, FieldDescriptorProtoSchema.field.oneofIndex)) {
      out += field(f, inner, false);
      continue;
    }
    if (printedOneofs.has(f.oneofIndex)) continue;
    printedOneofs.add(f.oneofIndex);
    out += `${inner}oneof ${m.oneofDecl[f.oneofIndex]!.name} {\n`;
    for (const g of m.field) if (isFieldSet(g, FieldDescriptorProtoSchema.field.oneofIndex) && g.oneofIndex === f.oneofIndex) out += field(g, `${inner}  `, true);
    out += `${inner}}\n`;
  }
  for (const r of m.extensionRange) out += `${inner}extensions ${r.start} to ${r.end === FIELD_NUMBER_MAX ? "max" : r.end - 1};\n`;
  out += reserved(m.reservedRange, m.reservedName, inner, true);
  for (const n of m.nestedType) out += message(n, inner);
  for (const e of m.enumType) out += enumType(e, inner);
  if (!isFieldSet(m, DescriptorProtoSchema.field.name)) throw new Error("a message without a name");
  return `${out}${indent}}\n`;
}

export function printValidateProto(file: FileDescriptorProto = file_buf_validate_validate.proto): string {
  if (file.syntax !== "" && file.syntax !== "proto2") throw new Error(`expected a proto2 file, not ${file.syntax}`);
  let out = `// Vendored from the npm package @bufbuild/protovalidate ${PACKAGE_VERSION} (its embedded
// descriptor of ${file.name}), printed by scripts/vendor-protovalidate.ts.
// Do not edit: upgrade the package and run the script. The rules: https://protovalidate.com
// Copyright 2023-2026 Buf Technologies, Inc. Licensed under the Apache License, Version 2.0.
syntax = "proto2";

package ${file.package};

`;
  for (const d of file.dependency) out += `import ${quote(d)};\n`;
  out += "\n";
  const o = file.options;
  if (o) {
    if (o.goPackage) out += `option go_package = ${quote(o.goPackage)};\n`;
    if (o.javaMultipleFiles) out += "option java_multiple_files = true;\n";
    if (o.javaOuterClassname) out += `option java_outer_classname = ${quote(o.javaOuterClassname)};\n`;
    if (o.javaPackage) out += `option java_package = ${quote(o.javaPackage)};\n`;
    out += "\n";
  }
  const extendees = [...new Set(file.extension.map((e) => e.extendee))];
  for (const extendee of extendees) {
    out += `extend ${extendee} {\n`;
    for (const e of file.extension.filter((x) => x.extendee === extendee)) out += field(e, "  ", false);
    out += "}\n\n";
  }
  out += [...file.messageType.map((m) => message(m, "")), ...file.enumType.map((e) => enumType(e, ""))].join("\n");
  return out;
}

if (import.meta.main) {
  fs.writeFileSync(VENDORED, printValidateProto());
  console.log(`wrote ${path.relative(process.cwd(), VENDORED)}`);
}
