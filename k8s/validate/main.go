// Command k8s-validate checks rendered Kubernetes manifests offline, the way the API server of
// the target cluster version would read them: every object is decoded strictly (unknown or
// duplicate fields, wrong case, wrong types all fail) into the typed structs of k8s.io/api for
// the Kubernetes minor version pinned in go.mod, and into local structs mirroring the CRDs the
// platform uses. Only API versions served by that cluster version are accepted, so a removed
// version (policy/v1beta1, autoscaling/v2beta2, ...) fails. A few semantic rules the API server
// enforces (names, label syntax, selectors, probe handlers, requests <= limits) are checked too.
//
// Usage: k8s-validate [-json] < manifests.yaml
// With -json, the validated objects are written to stdout as one JSON array.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/runtime/schema"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// documentSizeMax bounds one YAML document; rendered manifests are far smaller.
const documentSizeMax = 4 << 20

func main() {
	emitJSON := flag.Bool("json", false, "write the validated objects to stdout as a JSON array")
	flag.Parse()

	documents, err := splitDocuments(os.Stdin)
	if err != nil {
		fail(err.Error())
	}
	var objects []json.RawMessage
	var problems []string
	for index, document := range documents {
		object, errs := validateDocument(document)
		for _, e := range errs {
			problems = append(problems, fmt.Sprintf("document %d: %s", index+1, e))
		}
		if object != nil {
			objects = append(objects, object)
		}
	}
	if len(objects) == 0 && len(problems) == 0 {
		problems = append(problems, "no objects in input")
	}
	if len(problems) > 0 {
		fail(strings.Join(problems, "\n"))
	}
	if *emitJSON {
		out, err := json.Marshal(objects)
		if err != nil {
			fail(err.Error())
		}
		os.Stdout.Write(out)
		return
	}
	fmt.Fprintf(os.Stderr, "%d objects valid\n", len(objects))
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}

// splitDocuments splits a YAML stream on document markers, dropping empty documents.
func splitDocuments(input io.Reader) ([][]byte, error) {
	scanner := bufio.NewScanner(input)
	scanner.Buffer(make([]byte, 64*1024), documentSizeMax)
	var documents [][]byte
	var current bytes.Buffer
	flush := func() {
		if strings.TrimSpace(current.String()) != "" {
			documents = append(documents, append([]byte(nil), current.Bytes()...))
		}
		current.Reset()
	}
	for scanner.Scan() {
		line := scanner.Text()
		if line == "---" || strings.HasPrefix(line, "--- ") {
			flush()
			continue
		}
		current.WriteString(line)
		current.WriteByte('\n')
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	flush()
	return documents, nil
}

type typeMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
}

func validateDocument(document []byte) (json.RawMessage, []string) {
	// YAMLToJSONStrict rejects duplicate keys, which plain YAML decoding silently merges.
	raw, err := yaml.YAMLToJSONStrict(document)
	if err != nil {
		return nil, []string{fmt.Sprintf("invalid YAML: %v", err)}
	}
	var meta typeMeta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return nil, []string{fmt.Sprintf("not an object: %v", err)}
	}
	if meta.APIVersion == "" || meta.Kind == "" {
		return nil, []string{"apiVersion and kind are required"}
	}
	gv, err := schema.ParseGroupVersion(meta.APIVersion)
	if err != nil {
		return nil, []string{fmt.Sprintf("bad apiVersion %q: %v", meta.APIVersion, err)}
	}
	gvk := gv.WithKind(meta.Kind)
	newObject, known := registry[gvk]
	if !known {
		return nil, []string{fmt.Sprintf("%s is not served by the target cluster (or not an allowed CRD)", gvk)}
	}
	object := newObject()
	strictErrs, err := sigsjson.UnmarshalStrict(raw, object)
	if err != nil {
		return nil, []string{fmt.Sprintf("%s: %v", gvk.Kind, err)}
	}
	var problems []string
	for _, e := range strictErrs {
		problems = append(problems, fmt.Sprintf("%s: %v", gvk.Kind, e))
	}
	name := objectName(raw)
	if clusterScoped[gvk] && namespaceOf(raw) != "" {
		problems = append(problems, fmt.Sprintf("%s/%s: cluster-scoped object with metadata.namespace %q", gvk.Kind, name, namespaceOf(raw)))
	}
	for _, e := range semanticChecks(object) {
		problems = append(problems, fmt.Sprintf("%s/%s: %s", gvk.Kind, name, e))
	}
	return raw, problems
}

func namespaceOf(raw []byte) string {
	var partial struct {
		Metadata struct {
			Namespace string `json:"namespace"`
		} `json:"metadata"`
	}
	_ = json.Unmarshal(raw, &partial)
	return partial.Metadata.Namespace
}

func objectName(raw []byte) string {
	var partial struct {
		Metadata struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &partial); err != nil || partial.Metadata.Name == "" {
		return "<unnamed>"
	}
	return partial.Metadata.Name
}

var errNoHandler = errors.New("exactly one probe handler is required")
