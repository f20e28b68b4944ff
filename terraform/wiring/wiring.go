package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

func checkWiring(module *Module, modules map[string]*Module) []string {
	var problems []string
	for _, name := range sortedKeys(module.Calls) {
		call := module.Calls[name]
		if !strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../") {
			continue // Registry modules are pinned by version and checked by terraform itself.
		}
		target := modules[filepath.Clean(filepath.Join(module.Dir, call.Source))]
		if target == nil {
			problems = append(problems, fmt.Sprintf("%s: module %q: source %q has no .tf files", module.Dir, name, call.Source))
			continue
		}
		passed := map[string]bool{}
		for _, input := range call.Inputs {
			passed[input] = true
			if _, ok := target.Variables[input]; !ok {
				problems = append(problems, fmt.Sprintf("%s: module %q passes %q, which %s does not declare", module.Dir, name, input, call.Source))
			}
		}
		for _, variable := range sortedKeys(target.Variables) {
			if !target.Variables[variable].HasDefault && !passed[variable] {
				problems = append(problems, fmt.Sprintf("%s: module %q does not pass required variable %q", module.Dir, name, variable))
			}
		}
	}
	for _, file := range sortedKeys(module.VarFiles) {
		for _, name := range sortedKeys(module.VarFiles[file]) {
			if _, ok := module.Variables[name]; !ok {
				problems = append(problems, fmt.Sprintf("%s: %s sets %q, which the module does not declare", module.Dir, file, name))
			}
		}
	}
	for _, ref := range module.references {
		problems = append(problems, checkReference(module, modules, ref)...)
	}
	return problems
}

func attributeName(step hcl.Traverser) (string, bool) {
	if attr, ok := step.(hcl.TraverseAttr); ok {
		return attr.Name, true
	}
	return "", false
}

func checkReference(module *Module, modules map[string]*Module, ref reference) []string {
	steps := ref.traversal
	line := steps.SourceRange().Start.Line
	at := fmt.Sprintf("%s:%d", ref.file, line)
	if len(steps) < 2 {
		return nil
	}
	first, ok := attributeName(steps[1])
	if !ok {
		return nil
	}
	switch steps.RootName() {
	case "var":
		if _, declared := module.Variables[first]; !declared {
			return []string{fmt.Sprintf("%s: var.%s is not declared", at, first)}
		}
	case "local":
		if !module.Locals[first] {
			return []string{fmt.Sprintf("%s: local.%s is not declared", at, first)}
		}
	case "module":
		call, declared := module.Calls[first]
		if !declared {
			return []string{fmt.Sprintf("%s: module.%s is not a module call", at, first)}
		}
		if !strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../") {
			return nil
		}
		target := modules[filepath.Clean(filepath.Join(module.Dir, call.Source))]
		if target == nil {
			return nil // Reported with the call.
		}
		rest := steps[2:]
		for len(rest) > 0 {
			if _, index := rest[0].(hcl.TraverseIndex); !index {
				break
			}
			rest = rest[1:] // module.NAME[0].OUTPUT under count.
		}
		if len(rest) == 0 {
			return nil
		}
		output, ok := attributeName(rest[0])
		if !ok {
			return nil
		}
		if _, declared := target.Outputs[output]; !declared {
			return []string{fmt.Sprintf("%s: module.%s.%s: %s declares no such output", at, first, output, call.Source)}
		}
	}
	return nil
}
