package main

// Structural mirrors of the custom resources the platform ships: Prometheus Operator's
// monitoring.coreos.com/v1 ServiceMonitor and PrometheusRule, and External Secrets Operator's
// external-secrets.io/v1 ExternalSecret and ClusterSecretStore. Field names and types follow the
// operators' CRD schemas; only the fields an operator may reasonably set are listed, so a typo
// or a field from another version is rejected by the strict decoder.

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

type ServiceMonitor struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   metav1.ObjectMeta  `json:"metadata"`
	Spec       ServiceMonitorSpec `json:"spec"`
}

type ServiceMonitorSpec struct {
	JobLabel          string               `json:"jobLabel,omitempty"`
	TargetLabels      []string             `json:"targetLabels,omitempty"`
	PodTargetLabels   []string             `json:"podTargetLabels,omitempty"`
	Endpoints         []MonitorEndpoint    `json:"endpoints"`
	Selector          metav1.LabelSelector `json:"selector"`
	NamespaceSelector *NamespaceSelector   `json:"namespaceSelector,omitempty"`
	SampleLimit       *uint64              `json:"sampleLimit,omitempty"`
	TargetLimit       *uint64              `json:"targetLimit,omitempty"`
	LabelLimit        *uint64              `json:"labelLimit,omitempty"`
	ScrapeClass       *string              `json:"scrapeClass,omitempty"`
}

type NamespaceSelector struct {
	Any        bool     `json:"any,omitempty"`
	MatchNames []string `json:"matchNames,omitempty"`
}

type MonitorEndpoint struct {
	Port              string              `json:"port,omitempty"`
	TargetPort        *intstr.IntOrString `json:"targetPort,omitempty"`
	Path              string              `json:"path,omitempty"`
	Scheme            string              `json:"scheme,omitempty"`
	Params            map[string][]string `json:"params,omitempty"`
	Interval          string              `json:"interval,omitempty"`
	ScrapeTimeout     string              `json:"scrapeTimeout,omitempty"`
	HonorLabels       bool                `json:"honorLabels,omitempty"`
	HonorTimestamps   *bool               `json:"honorTimestamps,omitempty"`
	MetricRelabelings []RelabelConfig     `json:"metricRelabelings,omitempty"`
	Relabelings       []RelabelConfig     `json:"relabelings,omitempty"`
	FollowRedirects   *bool               `json:"followRedirects,omitempty"`
	EnableHTTP2       *bool               `json:"enableHttp2,omitempty"`
	FilterRunning     *bool               `json:"filterRunning,omitempty"`
}

type RelabelConfig struct {
	SourceLabels []string `json:"sourceLabels,omitempty"`
	Separator    *string  `json:"separator,omitempty"`
	TargetLabel  string   `json:"targetLabel,omitempty"`
	Regex        string   `json:"regex,omitempty"`
	Modulus      uint64   `json:"modulus,omitempty"`
	Replacement  *string  `json:"replacement,omitempty"`
	Action       string   `json:"action,omitempty"`
}

type PrometheusRule struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   metav1.ObjectMeta  `json:"metadata"`
	Spec       PrometheusRuleSpec `json:"spec"`
}

type PrometheusRuleSpec struct {
	Groups []RuleGroup `json:"groups"`
}

type RuleGroup struct {
	Name        string            `json:"name"`
	Labels      map[string]string `json:"labels,omitempty"`
	Interval    string            `json:"interval,omitempty"`
	QueryOffset string            `json:"query_offset,omitempty"`
	Limit       *int              `json:"limit,omitempty"`
	Rules       []Rule            `json:"rules"`
}

type Rule struct {
	Record        string             `json:"record,omitempty"`
	Alert         string             `json:"alert,omitempty"`
	Expr          intstr.IntOrString `json:"expr"`
	For           string             `json:"for,omitempty"`
	KeepFiringFor string             `json:"keep_firing_for,omitempty"`
	Labels        map[string]string  `json:"labels,omitempty"`
	Annotations   map[string]string  `json:"annotations,omitempty"`
}

type ExternalSecret struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   metav1.ObjectMeta  `json:"metadata"`
	Spec       ExternalSecretSpec `json:"spec"`
}

type ExternalSecretSpec struct {
	SecretStoreRef  SecretStoreRef         `json:"secretStoreRef"`
	Target          ExternalSecretTarget   `json:"target,omitempty"`
	RefreshPolicy   string                 `json:"refreshPolicy,omitempty"`
	RefreshInterval string                 `json:"refreshInterval,omitempty"`
	Data            []ExternalSecretData   `json:"data,omitempty"`
	DataFrom        []ExternalSecretSource `json:"dataFrom,omitempty"`
}

type SecretStoreRef struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

type ExternalSecretTarget struct {
	Name           string          `json:"name,omitempty"`
	CreationPolicy string          `json:"creationPolicy,omitempty"`
	DeletionPolicy string          `json:"deletionPolicy,omitempty"`
	Template       *SecretTemplate `json:"template,omitempty"`
	Immutable      bool            `json:"immutable,omitempty"`
}

type SecretTemplate struct {
	Type          string            `json:"type,omitempty"`
	EngineVersion string            `json:"engineVersion,omitempty"`
	MergePolicy   string            `json:"mergePolicy,omitempty"`
	Metadata      *TemplateMetadata `json:"metadata,omitempty"`
	Data          map[string]string `json:"data,omitempty"`
}

type TemplateMetadata struct {
	Annotations map[string]string `json:"annotations,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
}

type ExternalSecretData struct {
	SecretKey string    `json:"secretKey"`
	RemoteRef RemoteRef `json:"remoteRef"`
}

type RemoteRef struct {
	Key                string `json:"key"`
	Property           string `json:"property,omitempty"`
	Version            string `json:"version,omitempty"`
	MetadataPolicy     string `json:"metadataPolicy,omitempty"`
	ConversionStrategy string `json:"conversionStrategy,omitempty"`
	DecodingStrategy   string `json:"decodingStrategy,omitempty"`
}

type ExternalSecretSource struct {
	Extract *RemoteRef `json:"extract,omitempty"`
}

type ClusterSecretStore struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       SecretStoreSpec   `json:"spec"`
}

type SecretStoreSpec struct {
	Controller      string              `json:"controller,omitempty"`
	Provider        SecretStoreProvider `json:"provider"`
	RefreshInterval int                 `json:"refreshInterval,omitempty"`
	Conditions      []StoreCondition    `json:"conditions,omitempty"`
}

type StoreCondition struct {
	Namespaces        []string              `json:"namespaces,omitempty"`
	NamespaceSelector *metav1.LabelSelector `json:"namespaceSelector,omitempty"`
	NamespaceRegexes  []string              `json:"namespaceRegexes,omitempty"`
}

type SecretStoreProvider struct {
	AWS *AWSProvider `json:"aws,omitempty"`
}

type AWSProvider struct {
	Service         string   `json:"service"`
	Region          string   `json:"region"`
	Role            string   `json:"role,omitempty"`
	AdditionalRoles []string `json:"additionalRoles,omitempty"`
	Prefix          string   `json:"prefix,omitempty"`
	Auth            AWSAuth  `json:"auth,omitempty"`
}

type AWSAuth struct {
	JWT *AWSJWTAuth `json:"jwt,omitempty"`
}

type AWSJWTAuth struct {
	ServiceAccountRef *ServiceAccountSelector `json:"serviceAccountRef,omitempty"`
}

type ServiceAccountSelector struct {
	Name      string   `json:"name"`
	Namespace *string  `json:"namespace,omitempty"`
	Audiences []string `json:"audiences,omitempty"`
}
