package main

import (
	"fmt"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
)

// semanticChecks applies the rules the API server's validation would reject at apply time.
func semanticChecks(object any) []string {
	switch o := object.(type) {
	case *appsv1.Deployment:
		return append(checkMeta(o.ObjectMeta), checkWorkload(o.Spec.Selector, o.Spec.Template)...)
	case *appsv1.StatefulSet:
		return append(checkMeta(o.ObjectMeta), checkWorkload(o.Spec.Selector, o.Spec.Template)...)
	case *appsv1.DaemonSet:
		return append(checkMeta(o.ObjectMeta), checkWorkload(o.Spec.Selector, o.Spec.Template)...)
	case *batchv1.Job:
		return append(checkMeta(o.ObjectMeta), checkPodSpec(o.Spec.Template.Spec)...)
	case *corev1.Service:
		return append(checkMeta(o.ObjectMeta), checkService(o)...)
	case *autoscalingv2.HorizontalPodAutoscaler:
		return append(checkMeta(o.ObjectMeta), checkHPA(o)...)
	case *policyv1.PodDisruptionBudget:
		return append(checkMeta(o.ObjectMeta), checkPDB(o)...)
	case *networkingv1.NetworkPolicy:
		return append(checkMeta(o.ObjectMeta), checkSelector("podSelector", &o.Spec.PodSelector)...)
	case *corev1.ConfigMap:
		return checkMeta(o.ObjectMeta)
	case *corev1.ServiceAccount:
		return checkMeta(o.ObjectMeta)
	case *corev1.Namespace:
		return checkMeta(o.ObjectMeta)
	case *ServiceMonitor:
		return append(checkMeta(o.Metadata), checkServiceMonitor(o)...)
	case *PrometheusRule:
		return append(checkMeta(o.Metadata), checkPrometheusRule(o)...)
	case *ExternalSecret:
		return append(checkMeta(o.Metadata), checkExternalSecret(o)...)
	case *ClusterSecretStore:
		return append(checkMeta(o.Metadata), checkSecretStore(o)...)
	case *GatewayClass:
		return append(checkMeta(o.Metadata), checkGatewayClass(o)...)
	case *Gateway:
		return append(checkMeta(o.Metadata), checkGateway(o)...)
	case *HTTPRoute:
		return append(checkMeta(o.Metadata), checkHTTPRoute(o)...)
	case *GRPCRoute:
		return append(checkMeta(o.Metadata), checkGRPCRoute(o)...)
	case *SecurityPolicy:
		return append(checkMeta(o.Metadata), checkSecurityPolicy(o)...)
	}
	return nil
}

func checkMeta(meta metav1.ObjectMeta) []string {
	var problems []string
	if meta.Name == "" {
		problems = append(problems, "metadata.name is required")
	}
	for _, e := range validation.IsDNS1123Subdomain(meta.Name) {
		problems = append(problems, "metadata.name: "+e)
	}
	for key, value := range meta.Labels {
		for _, e := range validation.IsQualifiedName(key) {
			problems = append(problems, fmt.Sprintf("label key %q: %s", key, e))
		}
		for _, e := range validation.IsValidLabelValue(value) {
			problems = append(problems, fmt.Sprintf("label %q value %q: %s", key, value, e))
		}
	}
	for key := range meta.Annotations {
		for _, e := range validation.IsQualifiedName(strings.ToLower(key)) {
			problems = append(problems, fmt.Sprintf("annotation key %q: %s", key, e))
		}
	}
	return problems
}

func checkSelector(field string, selector *metav1.LabelSelector) []string {
	if selector == nil {
		return []string{field + " is required"}
	}
	if _, err := metav1.LabelSelectorAsSelector(selector); err != nil {
		return []string{fmt.Sprintf("%s: %v", field, err)}
	}
	return nil
}

func checkWorkload(selector *metav1.LabelSelector, template corev1.PodTemplateSpec) []string {
	problems := checkSelector("spec.selector", selector)
	if len(problems) == 0 {
		parsed, _ := metav1.LabelSelectorAsSelector(selector)
		if parsed.Empty() || !parsed.Matches(labels.Set(template.Labels)) {
			problems = append(problems, "spec.selector does not match spec.template.metadata.labels")
		}
	}
	return append(problems, checkPodSpec(template.Spec)...)
}

func checkPodSpec(spec corev1.PodSpec) []string {
	var problems []string
	if len(spec.Containers) == 0 {
		problems = append(problems, "at least one container is required")
	}
	names := map[string]bool{}
	all := append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...)
	for _, c := range all {
		if names[c.Name] {
			problems = append(problems, fmt.Sprintf("container name %q is not unique", c.Name))
		}
		names[c.Name] = true
		problems = append(problems, checkContainer(c)...)
	}
	volumes := map[string]bool{}
	for _, v := range spec.Volumes {
		volumes[v.Name] = true
	}
	for _, c := range all {
		for _, m := range c.VolumeMounts {
			if !volumes[m.Name] {
				problems = append(problems, fmt.Sprintf("container %q mounts undeclared volume %q", c.Name, m.Name))
			}
		}
	}
	return problems
}

func checkContainer(c corev1.Container) []string {
	var problems []string
	for _, e := range validation.IsDNS1123Label(c.Name) {
		problems = append(problems, fmt.Sprintf("container name %q: %s", c.Name, e))
	}
	if c.Image == "" {
		problems = append(problems, fmt.Sprintf("container %q: image is required", c.Name))
	}
	ports := map[string]bool{}
	for _, p := range c.Ports {
		if p.Name != "" {
			for _, e := range validation.IsValidPortName(p.Name) {
				problems = append(problems, fmt.Sprintf("container %q port name %q: %s", c.Name, p.Name, e))
			}
			if ports[p.Name] {
				problems = append(problems, fmt.Sprintf("container %q port name %q is not unique", c.Name, p.Name))
			}
			ports[p.Name] = true
		}
		for _, e := range validation.IsValidPortNum(int(p.ContainerPort)) {
			problems = append(problems, fmt.Sprintf("container %q port %d: %s", c.Name, p.ContainerPort, e))
		}
	}
	for kind, probe := range map[string]*corev1.Probe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe, "startup": c.StartupProbe} {
		if probe == nil {
			continue
		}
		handlers := 0
		if probe.HTTPGet != nil {
			handlers++
		}
		if probe.TCPSocket != nil {
			handlers++
		}
		if probe.Exec != nil {
			handlers++
		}
		if probe.GRPC != nil {
			handlers++
		}
		if handlers != 1 {
			problems = append(problems, fmt.Sprintf("container %q %s probe: %v", c.Name, kind, errNoHandler))
		}
	}
	for name, limit := range c.Resources.Limits {
		if request, ok := c.Resources.Requests[name]; ok && request.Cmp(limit) > 0 {
			problems = append(problems, fmt.Sprintf("container %q: %s request %s exceeds limit %s", c.Name, name, request.String(), limit.String()))
		}
	}
	for _, env := range c.Env {
		if env.Value != "" && env.ValueFrom != nil {
			problems = append(problems, fmt.Sprintf("container %q env %s: value and valueFrom are exclusive", c.Name, env.Name))
		}
	}
	return problems
}

func checkService(s *corev1.Service) []string {
	var problems []string
	for _, e := range validation.IsDNS1035Label(s.Name) {
		problems = append(problems, "Service name: "+e)
	}
	seen := map[string]bool{}
	for _, p := range s.Spec.Ports {
		if len(s.Spec.Ports) > 1 && p.Name == "" {
			problems = append(problems, "every port needs a name when a Service has several")
		}
		if p.Name != "" {
			for _, e := range validation.IsDNS1123Label(p.Name) {
				problems = append(problems, fmt.Sprintf("port name %q: %s", p.Name, e))
			}
		}
		if seen[p.Name] {
			problems = append(problems, fmt.Sprintf("port name %q is not unique", p.Name))
		}
		seen[p.Name] = true
	}
	return problems
}

func checkHPA(h *autoscalingv2.HorizontalPodAutoscaler) []string {
	var problems []string
	if h.Spec.MinReplicas != nil && *h.Spec.MinReplicas > h.Spec.MaxReplicas {
		problems = append(problems, "minReplicas exceeds maxReplicas")
	}
	if h.Spec.MaxReplicas < 1 {
		problems = append(problems, "maxReplicas must be at least 1")
	}
	if h.Spec.ScaleTargetRef.Kind == "" || h.Spec.ScaleTargetRef.Name == "" {
		problems = append(problems, "scaleTargetRef needs kind and name")
	}
	for i, m := range h.Spec.Metrics {
		switch m.Type {
		case autoscalingv2.ResourceMetricSourceType:
			if m.Resource == nil {
				problems = append(problems, fmt.Sprintf("metrics[%d]: type Resource needs resource", i))
			}
		case autoscalingv2.ExternalMetricSourceType:
			if m.External == nil || m.External.Metric.Name == "" {
				problems = append(problems, fmt.Sprintf("metrics[%d]: type External needs external.metric.name", i))
			}
		case autoscalingv2.PodsMetricSourceType, autoscalingv2.ObjectMetricSourceType, autoscalingv2.ContainerResourceMetricSourceType:
		default:
			problems = append(problems, fmt.Sprintf("metrics[%d]: unknown type %q", i, m.Type))
		}
	}
	return problems
}

func checkPDB(p *policyv1.PodDisruptionBudget) []string {
	problems := checkSelector("spec.selector", p.Spec.Selector)
	if (p.Spec.MinAvailable == nil) == (p.Spec.MaxUnavailable == nil) {
		problems = append(problems, "exactly one of minAvailable and maxUnavailable is required")
	}
	return problems
}

func checkServiceMonitor(s *ServiceMonitor) []string {
	problems := checkSelector("spec.selector", &s.Spec.Selector)
	if len(s.Spec.Endpoints) == 0 {
		problems = append(problems, "at least one endpoint is required")
	}
	for i, e := range s.Spec.Endpoints {
		if e.Port == "" && e.TargetPort == nil {
			problems = append(problems, fmt.Sprintf("endpoints[%d]: port is required", i))
		}
		problems = append(problems, checkDuration(fmt.Sprintf("endpoints[%d].interval", i), e.Interval)...)
		problems = append(problems, checkDuration(fmt.Sprintf("endpoints[%d].scrapeTimeout", i), e.ScrapeTimeout)...)
	}
	return problems
}

func checkPrometheusRule(r *PrometheusRule) []string {
	var problems []string
	if len(r.Spec.Groups) == 0 {
		problems = append(problems, "at least one rule group is required")
	}
	for _, g := range r.Spec.Groups {
		if g.Name == "" {
			problems = append(problems, "rule group name is required")
		}
		for i, rule := range g.Rules {
			if (rule.Alert == "") == (rule.Record == "") {
				problems = append(problems, fmt.Sprintf("group %s rule %d: exactly one of alert and record", g.Name, i))
			}
			if rule.Expr.String() == "" || rule.Expr.String() == "0" {
				problems = append(problems, fmt.Sprintf("group %s rule %d: expr is required", g.Name, i))
			}
			problems = append(problems, checkDuration(fmt.Sprintf("group %s rule %d for", g.Name, i), rule.For)...)
		}
	}
	return problems
}

func checkExternalSecret(e *ExternalSecret) []string {
	var problems []string
	if e.Spec.SecretStoreRef.Name == "" {
		problems = append(problems, "spec.secretStoreRef.name is required")
	}
	switch e.Spec.SecretStoreRef.Kind {
	case "", "SecretStore", "ClusterSecretStore":
	default:
		problems = append(problems, fmt.Sprintf("spec.secretStoreRef.kind %q is not a store kind", e.Spec.SecretStoreRef.Kind))
	}
	if len(e.Spec.Data) == 0 && len(e.Spec.DataFrom) == 0 {
		problems = append(problems, "spec.data or spec.dataFrom is required")
	}
	for i, d := range e.Spec.Data {
		if d.SecretKey == "" || d.RemoteRef.Key == "" {
			problems = append(problems, fmt.Sprintf("spec.data[%d]: secretKey and remoteRef.key are required", i))
		}
	}
	problems = append(problems, checkDuration("spec.refreshInterval", e.Spec.RefreshInterval)...)
	return problems
}

func checkSecretStore(s *ClusterSecretStore) []string {
	aws := s.Spec.Provider.AWS
	if aws == nil {
		return []string{"spec.provider.aws is required (the platform reads AWS Secrets Manager)"}
	}
	var problems []string
	if aws.Service != "SecretsManager" && aws.Service != "ParameterStore" {
		problems = append(problems, fmt.Sprintf("spec.provider.aws.service %q is not SecretsManager or ParameterStore", aws.Service))
	}
	if aws.Region == "" {
		problems = append(problems, "spec.provider.aws.region is required")
	}
	return problems
}

func checkDuration(field, value string) []string {
	if value == "" {
		return nil
	}
	if _, err := time.ParseDuration(value); err != nil {
		return []string{fmt.Sprintf("%s: %v", field, err)}
	}
	return nil
}
