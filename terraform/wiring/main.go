// Command tf-check reads every Terraform configuration under a directory with HashiCorp's HCL
// parser, without providers or network, and checks what `terraform validate` would need a
// provider download for, and a few house rules:
//
//   - every file is in canonical format (the formatter `terraform fmt` uses);
//   - every variable has a type and a description, every output a description;
//   - every argument passed to a local module is a variable of that module, and every
//     variable of that module without a default is passed;
//   - every module.NAME.OUTPUT reference names a module call and an output it declares;
//   - every var.NAME and local.NAME reference is declared in its module;
//   - every variable file (*.tfvars) beside a module sets only variables that module declares;
//     variable files and backend configuration files (*.tfbackend) are in canonical format too.
//
// Usage: tf-check DIR. Writes a JSON summary of every module to stdout; exits 1 on a problem.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Module is what one directory of .tf files declares.
type Module struct {
	Dir               string                 `json:"dir"`
	Variables         map[string]Variable    `json:"variables"`
	Outputs           map[string]Output      `json:"outputs"`
	Locals            map[string]bool        `json:"locals"`
	Calls             map[string]ModuleCall  `json:"moduleCalls"`
	RequiredVersion   string                 `json:"requiredVersion,omitempty"`
	RequiredProviders map[string]Requirement `json:"requiredProviders"`
	Backend           *Backend               `json:"backend,omitempty"`
	VarFiles          map[string]AttrFile    `json:"varFiles"`
	BackendFiles      map[string]AttrFile    `json:"backendFiles"`
	Resources         []string               `json:"resources"`
	references        []reference
}

type Variable struct {
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
	HasDefault  bool   `json:"hasDefault"`
	Sensitive   bool   `json:"sensitive"`
}

type Output struct {
	Description string `json:"description,omitempty"`
	Sensitive   bool   `json:"sensitive"`
}

type ModuleCall struct {
	Source string   `json:"source"`
	Inputs []string `json:"inputs"`
}

type Requirement struct {
	Source  string `json:"source"`
	Version string `json:"version"`
}

type Backend struct {
	Type       string            `json:"type"`
	Attributes map[string]string `json:"attributes"`
}

// AttrFile is a file of top-level attributes only (a .tfvars or .tfbackend file): each name with
// its value, as text for a constant string, bool or number, else as written in the source.
type AttrFile map[string]string

type reference struct {
	traversal hcl.Traversal
	file      string
}

type report struct {
	Modules  []*Module `json:"modules"`
	Problems []string  `json:"problems"`
}

// metaArguments are module block arguments that are not inputs of the called module.
var metaArguments = map[string]bool{"source": true, "version": true, "providers": true, "count": true, "for_each": true, "depends_on": true}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tf-check DIR")
		os.Exit(2)
	}
	out := check(os.Args[1])
	encoded, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	os.Stdout.Write(encoded)
	if len(out.Problems) > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(out.Problems, "\n"))
		os.Exit(1)
	}
}

func check(root string) *report {
	out := &report{Problems: []string{}}
	dirs, err := moduleDirs(root)
	if err != nil {
		out.Problems = append(out.Problems, err.Error())
		return out
	}
	modules := map[string]*Module{}
	for _, dir := range dirs {
		module, problems := loadModule(dir)
		out.Problems = append(out.Problems, problems...)
		modules[dir] = module
		out.Modules = append(out.Modules, module)
	}
	for _, dir := range dirs {
		out.Problems = append(out.Problems, checkWiring(modules[dir], modules)...)
	}
	for _, module := range out.Modules {
		module.Dir = relative(root, module.Dir)
	}
	return out
}

func relative(root, dir string) string {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return dir
	}
	return filepath.ToSlash(rel)
}

// moduleDirs lists the directories holding .tf files, skipping Terraform's own working data.
func moduleDirs(root string) ([]string, error) {
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, entry os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entry.IsDir() && (entry.Name() == ".terraform" || entry.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !entry.IsDir() && strings.HasSuffix(path, ".tf") { // Modules hold .tf files; .tfvars alone make none.
			abs, err := filepath.Abs(filepath.Dir(path))
			if err != nil {
				return err
			}
			seen[abs] = true
		}
		return nil
	})
	dirs := make([]string, 0, len(seen))
	for dir := range seen {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	return dirs, err
}

func checkFormat(path string, src []byte) []string {
	if formatted := hclwrite.Format(src); !bytes.Equal(formatted, src) {
		return []string{fmt.Sprintf("%s: not in canonical format (terraform fmt)", path)}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}
