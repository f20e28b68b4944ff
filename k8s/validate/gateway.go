package main

// Structural mirrors of the Gateway API kinds the platform ships (gateway.networking.k8s.io/v1
// GatewayClass, Gateway, HTTPRoute, GRPCRoute, from the Standard channel) and of Envoy Gateway's
// gateway.envoyproxy.io/v1alpha1 SecurityPolicy (external authorization only). Field names and
// types follow the CRD schemas; fields the platform has no use for are left out, so a typo, an
// Experimental-channel field or an Ingress-style field is rejected by the strict decoder.

import metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

type GatewayClass struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       GatewayClassSpec  `json:"spec"`
}

type GatewayClassSpec struct {
	ControllerName string               `json:"controllerName"`
	ParametersRef  *ParametersReference `json:"parametersRef,omitempty"`
	Description    *string              `json:"description,omitempty"`
}

type ParametersReference struct {
	Group     string  `json:"group"`
	Kind      string  `json:"kind"`
	Name      string  `json:"name"`
	Namespace *string `json:"namespace,omitempty"`
}

type Gateway struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       GatewaySpec       `json:"spec"`
}

type GatewaySpec struct {
	GatewayClassName string                 `json:"gatewayClassName"`
	Listeners        []Listener             `json:"listeners"`
	Addresses        []GatewayAddress       `json:"addresses,omitempty"`
	Infrastructure   *GatewayInfrastructure `json:"infrastructure,omitempty"`
}

type GatewayAddress struct {
	Type  *string `json:"type,omitempty"`
	Value string  `json:"value"`
}

type GatewayInfrastructure struct {
	Labels        map[string]string    `json:"labels,omitempty"`
	Annotations   map[string]string    `json:"annotations,omitempty"`
	ParametersRef *ParametersReference `json:"parametersRef,omitempty"`
}

type Listener struct {
	Name          string            `json:"name"`
	Hostname      *string           `json:"hostname,omitempty"`
	Port          int32             `json:"port"`
	Protocol      string            `json:"protocol"`
	TLS           *GatewayTLSConfig `json:"tls,omitempty"`
	AllowedRoutes *AllowedRoutes    `json:"allowedRoutes,omitempty"`
}

type GatewayTLSConfig struct {
	Mode            *string                 `json:"mode,omitempty"`
	CertificateRefs []SecretObjectReference `json:"certificateRefs,omitempty"`
	Options         map[string]string       `json:"options,omitempty"`
}

type SecretObjectReference struct {
	Group     *string `json:"group,omitempty"`
	Kind      *string `json:"kind,omitempty"`
	Name      string  `json:"name"`
	Namespace *string `json:"namespace,omitempty"`
}

type AllowedRoutes struct {
	Namespaces *RouteNamespaces `json:"namespaces,omitempty"`
	Kinds      []RouteGroupKind `json:"kinds,omitempty"`
}

type RouteNamespaces struct {
	From     *string               `json:"from,omitempty"`
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
}

type RouteGroupKind struct {
	Group *string `json:"group,omitempty"`
	Kind  string  `json:"kind"`
}

type ParentReference struct {
	Group       *string `json:"group,omitempty"`
	Kind        *string `json:"kind,omitempty"`
	Namespace   *string `json:"namespace,omitempty"`
	Name        string  `json:"name"`
	SectionName *string `json:"sectionName,omitempty"`
	Port        *int32  `json:"port,omitempty"`
}

type BackendRef struct {
	Group     *string `json:"group,omitempty"`
	Kind      *string `json:"kind,omitempty"`
	Name      string  `json:"name"`
	Namespace *string `json:"namespace,omitempty"`
	Port      *int32  `json:"port,omitempty"`
	Weight    *int32  `json:"weight,omitempty"`
}

type HTTPRoute struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       HTTPRouteSpec     `json:"spec"`
}

type HTTPRouteSpec struct {
	ParentRefs []ParentReference `json:"parentRefs,omitempty"`
	Hostnames  []string          `json:"hostnames,omitempty"`
	Rules      []HTTPRouteRule   `json:"rules,omitempty"`
}

type HTTPRouteRule struct {
	Name        *string            `json:"name,omitempty"`
	Matches     []HTTPRouteMatch   `json:"matches,omitempty"`
	Filters     []HTTPRouteFilter  `json:"filters,omitempty"`
	BackendRefs []HTTPBackendRef   `json:"backendRefs,omitempty"`
	Timeouts    *HTTPRouteTimeouts `json:"timeouts,omitempty"`
}

type HTTPRouteMatch struct {
	Path        *HTTPPathMatch   `json:"path,omitempty"`
	Headers     []HTTPValueMatch `json:"headers,omitempty"`
	QueryParams []HTTPValueMatch `json:"queryParams,omitempty"`
	Method      *string          `json:"method,omitempty"`
}

type HTTPPathMatch struct {
	Type  *string `json:"type,omitempty"`
	Value *string `json:"value,omitempty"`
}

type HTTPValueMatch struct {
	Type  *string `json:"type,omitempty"`
	Name  string  `json:"name"`
	Value string  `json:"value"`
}

type HTTPRouteFilter struct {
	Type                   string                     `json:"type"`
	RequestHeaderModifier  *HTTPHeaderFilter          `json:"requestHeaderModifier,omitempty"`
	ResponseHeaderModifier *HTTPHeaderFilter          `json:"responseHeaderModifier,omitempty"`
	RequestRedirect        *HTTPRequestRedirectFilter `json:"requestRedirect,omitempty"`
	URLRewrite             *HTTPURLRewriteFilter      `json:"urlRewrite,omitempty"`
}

type HTTPHeaderFilter struct {
	Set    []HTTPHeader `json:"set,omitempty"`
	Add    []HTTPHeader `json:"add,omitempty"`
	Remove []string     `json:"remove,omitempty"`
}

type HTTPHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type HTTPRequestRedirectFilter struct {
	Scheme     *string       `json:"scheme,omitempty"`
	Hostname   *string       `json:"hostname,omitempty"`
	Path       *HTTPPathEdit `json:"path,omitempty"`
	Port       *int32        `json:"port,omitempty"`
	StatusCode *int          `json:"statusCode,omitempty"`
}

type HTTPURLRewriteFilter struct {
	Hostname *string       `json:"hostname,omitempty"`
	Path     *HTTPPathEdit `json:"path,omitempty"`
}

type HTTPPathEdit struct {
	Type               string  `json:"type"`
	ReplaceFullPath    *string `json:"replaceFullPath,omitempty"`
	ReplacePrefixMatch *string `json:"replacePrefixMatch,omitempty"`
}

type HTTPBackendRef struct {
	BackendRef `json:",inline"`
	Filters    []HTTPRouteFilter `json:"filters,omitempty"`
}

type HTTPRouteTimeouts struct {
	Request        *string `json:"request,omitempty"`
	BackendRequest *string `json:"backendRequest,omitempty"`
}

type GRPCRoute struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   metav1.ObjectMeta `json:"metadata"`
	Spec       GRPCRouteSpec     `json:"spec"`
}

type GRPCRouteSpec struct {
	ParentRefs []ParentReference `json:"parentRefs,omitempty"`
	Hostnames  []string          `json:"hostnames,omitempty"`
	Rules      []GRPCRouteRule   `json:"rules,omitempty"`
}

type GRPCRouteRule struct {
	Name        *string          `json:"name,omitempty"`
	Matches     []GRPCRouteMatch `json:"matches,omitempty"`
	BackendRefs []BackendRef     `json:"backendRefs,omitempty"`
}

type GRPCRouteMatch struct {
	Method  *GRPCMethodMatch `json:"method,omitempty"`
	Headers []HTTPValueMatch `json:"headers,omitempty"`
}

type GRPCMethodMatch struct {
	Type    *string `json:"type,omitempty"`
	Service *string `json:"service,omitempty"`
	Method  *string `json:"method,omitempty"`
}

type SecurityPolicy struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   metav1.ObjectMeta  `json:"metadata"`
	Spec       SecurityPolicySpec `json:"spec"`
}

type SecurityPolicySpec struct {
	TargetRefs []PolicyTargetReference `json:"targetRefs,omitempty"`
	ExtAuth    *ExtAuth                `json:"extAuth,omitempty"`
}

type PolicyTargetReference struct {
	Group       string  `json:"group"`
	Kind        string  `json:"kind"`
	Name        string  `json:"name"`
	SectionName *string `json:"sectionName,omitempty"`
}

type ExtAuth struct {
	GRPC             *ExtAuthService `json:"grpc,omitempty"`
	HTTP             *ExtAuthService `json:"http,omitempty"`
	HeadersToExtAuth []string        `json:"headersToExtAuth,omitempty"`
	Timeout          *string         `json:"timeout,omitempty"`
	FailOpen         *bool           `json:"failOpen,omitempty"`
	RecomputeRoute   *bool           `json:"recomputeRoute,omitempty"`
}

// ExtAuthService holds the fields of both services; grpc takes no path or headersToBackend,
// which checkSecurityPolicy rejects.
type ExtAuthService struct {
	BackendRefs      []BackendRef `json:"backendRefs,omitempty"`
	Path             *string      `json:"path,omitempty"`
	HeadersToBackend []string     `json:"headersToBackend,omitempty"`
}
