package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func loadModule(dir string) (*Module, []string) {
	module := &Module{
		Dir:               dir,
		Variables:         map[string]Variable{},
		Outputs:           map[string]Output{},
		Locals:            map[string]bool{},
		Calls:             map[string]ModuleCall{},
		RequiredProviders: map[string]Requirement{},
		VarFiles:          map[string]AttrFile{},
		BackendFiles:      map[string]AttrFile{},
		Resources:         []string{},
	}
	var problems []string
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	sort.Strings(files)
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		file, diags := hclsyntax.ParseConfig(src, path, hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			problems = append(problems, diags.Error())
			continue
		}
		problems = append(problems, checkFormat(path, src)...)
		body := file.Body.(*hclsyntax.Body)
		problems = append(problems, loadBody(module, body, src, path)...)
		hclsyntax.VisitAll(body, func(node hclsyntax.Node) hcl.Diagnostics {
			if expr, ok := node.(*hclsyntax.ScopeTraversalExpr); ok {
				module.references = append(module.references, reference{traversal: expr.Traversal, file: path})
			}
			return nil
		})
	}
	problems = append(problems, loadAttrFiles(dir, "*.tfvars", module.VarFiles)...)
	problems = append(problems, loadAttrFiles(dir, "*.tfbackend", module.BackendFiles)...)
	return module, problems
}

// loadAttrFiles parses the attribute-only files of a module directory matching pattern into
// files (by base name), checking their format and that they hold no blocks.
func loadAttrFiles(dir, pattern string, files map[string]AttrFile) []string {
	var problems []string
	paths, _ := filepath.Glob(filepath.Join(dir, pattern))
	sort.Strings(paths)
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		file, diags := hclsyntax.ParseConfig(src, path, hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			problems = append(problems, diags.Error())
			continue
		}
		problems = append(problems, checkFormat(path, src)...)
		body := file.Body.(*hclsyntax.Body)
		for _, block := range body.Blocks {
			problems = append(problems, fmt.Sprintf("%s:%d: %s block in a file of attributes only", path, block.DefRange().Start.Line, block.Type))
		}
		attrs := AttrFile{}
		for name, attribute := range body.Attributes {
			attrs[name] = literalString(attribute)
			if attrs[name] == "" {
				attrs[name] = sourceText(attribute, src) // Lists, maps and objects as written.
			}
		}
		files[filepath.Base(path)] = attrs
	}
	return problems
}

func loadBody(module *Module, body *hclsyntax.Body, src []byte, path string) []string {
	var problems []string
	where := func(block *hclsyntax.Block) string {
		return fmt.Sprintf("%s:%d", path, block.DefRange().Start.Line)
	}
	for _, block := range body.Blocks {
		switch block.Type {
		case "variable":
			name := block.Labels[0]
			variable := Variable{
				Type:        sourceText(block.Body.Attributes["type"], src),
				Description: literalString(block.Body.Attributes["description"]),
				HasDefault:  block.Body.Attributes["default"] != nil,
				Sensitive:   literalString(block.Body.Attributes["sensitive"]) == "true",
			}
			if variable.Type == "" {
				problems = append(problems, fmt.Sprintf("%s: variable %q has no type", where(block), name))
			}
			if strings.TrimSpace(variable.Description) == "" {
				problems = append(problems, fmt.Sprintf("%s: variable %q has no description", where(block), name))
			}
			module.Variables[name] = variable
		case "output":
			name := block.Labels[0]
			output := Output{
				Description: literalString(block.Body.Attributes["description"]),
				Sensitive:   literalString(block.Body.Attributes["sensitive"]) == "true",
			}
			if strings.TrimSpace(output.Description) == "" {
				problems = append(problems, fmt.Sprintf("%s: output %q has no description", where(block), name))
			}
			module.Outputs[name] = output
		case "locals":
			for name := range block.Body.Attributes {
				module.Locals[name] = true
			}
		case "module":
			call := ModuleCall{Source: literalString(block.Body.Attributes["source"]), Inputs: []string{}}
			for name := range block.Body.Attributes {
				if !metaArguments[name] {
					call.Inputs = append(call.Inputs, name)
				}
			}
			sort.Strings(call.Inputs)
			module.Calls[block.Labels[0]] = call
		case "terraform":
			loadTerraformBlock(module, block.Body)
		case "resource", "data", "ephemeral":
			prefix := ""
			if block.Type != "resource" {
				prefix = block.Type + "."
			}
			module.Resources = append(module.Resources, prefix+block.Labels[0]+"."+block.Labels[1])
		}
	}
	return problems
}

func loadTerraformBlock(module *Module, body *hclsyntax.Body) {
	module.RequiredVersion = literalString(body.Attributes["required_version"])
	for _, inner := range body.Blocks {
		switch inner.Type {
		case "required_providers":
			for name, attribute := range inner.Body.Attributes {
				value, diags := attribute.Expr.Value(nil)
				if diags.HasErrors() || !value.Type().IsObjectType() {
					continue
				}
				requirement := Requirement{}
				if value.Type().HasAttribute("source") {
					requirement.Source = value.GetAttr("source").AsString()
				}
				if value.Type().HasAttribute("version") {
					requirement.Version = value.GetAttr("version").AsString()
				}
				module.RequiredProviders[name] = requirement
			}
		case "backend":
			backend := &Backend{Type: inner.Labels[0], Attributes: map[string]string{}}
			for name, attribute := range inner.Body.Attributes {
				backend.Attributes[name] = literalString(attribute)
			}
			module.Backend = backend
		}
	}
}

func sourceText(attribute *hclsyntax.Attribute, src []byte) string {
	if attribute == nil {
		return ""
	}
	r := attribute.Expr.Range()
	return string(r.SliceBytes(src))
}

// literalString renders a constant attribute (string, bool, number) as text; "" otherwise.
func literalString(attribute *hclsyntax.Attribute) string {
	if attribute == nil {
		return ""
	}
	value, diags := attribute.Expr.Value(nil)
	if diags.HasErrors() || !value.IsKnown() || value.IsNull() {
		return ""
	}
	switch value.Type() {
	case cty.String:
		return value.AsString()
	case cty.Bool:
		if value.True() {
			return "true"
		}
		return "false"
	case cty.Number:
		return value.AsBigFloat().Text('f', -1)
	}
	return ""
}
