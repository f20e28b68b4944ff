package main

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
)

// Limits and enumerations of the Gateway API v1 CRD schemas (Standard channel).
const (
	listenersMax   = 64
	routeRulesMax  = 16
	routeMatchMax  = 64
	parentRefsMax  = 32
	hostnamesMax   = 16
	backendRefsMax = 16
)

var (
	listenerProtocols = map[string]bool{"HTTP": true, "HTTPS": true, "TLS": true, "TCP": true, "UDP": true}
	redirectStatuses  = map[int]bool{301: true, 302: true}
	pathMatchTypes    = map[string]bool{"Exact": true, "PathPrefix": true, "RegularExpression": true}
	httpFilterFields  = map[string]func(HTTPRouteFilter) bool{
		"RequestHeaderModifier":  func(f HTTPRouteFilter) bool { return f.RequestHeaderModifier != nil },
		"ResponseHeaderModifier": func(f HTTPRouteFilter) bool { return f.ResponseHeaderModifier != nil },
		"RequestRedirect":        func(f HTTPRouteFilter) bool { return f.RequestRedirect != nil },
		"URLRewrite":             func(f HTTPRouteFilter) bool { return f.URLRewrite != nil },
	}
)

func checkGatewayClass(c *GatewayClass) []string {
	// A domain-prefixed path, e.g. gateway.envoyproxy.io/gatewayclass-controller.
	domain, path, found := strings.Cut(c.Spec.ControllerName, "/")
	if !found || path == "" || len(validation.IsDNS1123Subdomain(domain)) > 0 {
		return []string{fmt.Sprintf("spec.controllerName %q: must be a domain-prefixed path", c.Spec.ControllerName)}
	}
	return nil
}

// checkHostname accepts a DNS name or a wildcard one (*.example.com), never an IP address.
func checkHostname(field, hostname string) []string {
	name := strings.TrimPrefix(hostname, "*.")
	if errs := validation.IsDNS1123Subdomain(name); len(errs) > 0 {
		return []string{fmt.Sprintf("%s %q: %s", field, hostname, strings.Join(errs, "; "))}
	}
	return nil
}

func checkGateway(g *Gateway) []string {
	var problems []string
	if g.Spec.GatewayClassName == "" {
		problems = append(problems, "spec.gatewayClassName is required")
	}
	if n := len(g.Spec.Listeners); n == 0 || n > listenersMax {
		problems = append(problems, fmt.Sprintf("spec.listeners: between 1 and %d required, got %d", listenersMax, n))
	}
	names := map[string]bool{}
	endpoints := map[string]bool{}
	for i, l := range g.Spec.Listeners {
		where := fmt.Sprintf("spec.listeners[%d] %q", i, l.Name)
		for _, e := range validation.IsDNS1123Label(l.Name) {
			problems = append(problems, where+": name: "+e)
		}
		if names[l.Name] {
			problems = append(problems, where+": duplicate listener name")
		}
		names[l.Name] = true
		if l.Port < 1 || l.Port > 65535 {
			problems = append(problems, fmt.Sprintf("%s: port %d out of range", where, l.Port))
		}
		if !listenerProtocols[l.Protocol] {
			problems = append(problems, fmt.Sprintf("%s: unknown protocol %q", where, l.Protocol))
		}
		hostname := ""
		if l.Hostname != nil {
			hostname = *l.Hostname
			problems = append(problems, checkHostname(where+": hostname", hostname)...)
		}
		endpoint := fmt.Sprintf("%s/%d/%s", l.Protocol, l.Port, hostname)
		if endpoints[endpoint] {
			problems = append(problems, fmt.Sprintf("%s: another listener has the same protocol, port and hostname", where))
		}
		endpoints[endpoint] = true
		problems = append(problems, checkListenerTLS(where, l)...)
		if l.AllowedRoutes != nil && l.AllowedRoutes.Namespaces != nil {
			ns := l.AllowedRoutes.Namespaces
			if ns.From != nil && *ns.From == "Selector" {
				problems = append(problems, checkSelector(where+": allowedRoutes.namespaces.selector", ns.Selector)...)
			} else if ns.Selector != nil {
				problems = append(problems, where+": allowedRoutes.namespaces.selector needs from: Selector")
			}
		}
	}
	return problems
}

func checkListenerTLS(where string, l Listener) []string {
	switch l.Protocol {
	case "HTTPS":
		if l.TLS == nil || len(l.TLS.CertificateRefs) == 0 {
			return []string{where + ": an HTTPS listener needs tls.certificateRefs"}
		}
		if l.TLS.Mode != nil && *l.TLS.Mode != "Terminate" {
			return []string{where + ": an HTTPS listener terminates TLS (tls.mode Terminate)"}
		}
	case "HTTP", "TCP", "UDP":
		if l.TLS != nil {
			return []string{fmt.Sprintf("%s: tls is not allowed with protocol %s", where, l.Protocol)}
		}
	}
	return nil
}

func checkRouteCommon(parents []ParentReference, hostnames []string, rules int) []string {
	var problems []string
	if n := len(parents); n == 0 || n > parentRefsMax {
		problems = append(problems, fmt.Sprintf("spec.parentRefs: between 1 and %d required, got %d", parentRefsMax, n))
	}
	for i, p := range parents {
		if p.Name == "" {
			problems = append(problems, fmt.Sprintf("spec.parentRefs[%d].name is required", i))
		}
	}
	if len(hostnames) > hostnamesMax {
		problems = append(problems, fmt.Sprintf("spec.hostnames: at most %d", hostnamesMax))
	}
	for i, h := range hostnames {
		problems = append(problems, checkHostname(fmt.Sprintf("spec.hostnames[%d]", i), h)...)
	}
	if rules > routeRulesMax {
		problems = append(problems, fmt.Sprintf("spec.rules: at most %d, got %d", routeRulesMax, rules))
	}
	return problems
}

// checkBackendRefs requires a port on every reference to a Service (the default kind).
func checkBackendRefs(where string, refs []BackendRef) []string {
	var problems []string
	if len(refs) > backendRefsMax {
		problems = append(problems, fmt.Sprintf("%s: at most %d backendRefs", where, backendRefsMax))
	}
	for i, b := range refs {
		service := (b.Kind == nil || *b.Kind == "Service") && (b.Group == nil || *b.Group == "")
		if b.Name == "" {
			problems = append(problems, fmt.Sprintf("%s.backendRefs[%d].name is required", where, i))
		}
		if service && (b.Port == nil || *b.Port < 1 || *b.Port > 65535) {
			problems = append(problems, fmt.Sprintf("%s.backendRefs[%d] %q: a Service backend needs a port number", where, i, b.Name))
		}
	}
	return problems
}

func checkHTTPRoute(r *HTTPRoute) []string {
	problems := checkRouteCommon(r.Spec.ParentRefs, r.Spec.Hostnames, len(r.Spec.Rules))
	for i, rule := range r.Spec.Rules {
		where := fmt.Sprintf("spec.rules[%d]", i)
		if len(rule.Matches) > routeMatchMax {
			problems = append(problems, fmt.Sprintf("%s: at most %d matches", where, routeMatchMax))
		}
		for j, m := range rule.Matches {
			if m.Path == nil {
				continue
			}
			if m.Path.Type != nil && !pathMatchTypes[*m.Path.Type] {
				problems = append(problems, fmt.Sprintf("%s.matches[%d].path: unknown type %q", where, j, *m.Path.Type))
			}
			if m.Path.Value != nil && !strings.HasPrefix(*m.Path.Value, "/") {
				problems = append(problems, fmt.Sprintf("%s.matches[%d].path.value %q must start with /", where, j, *m.Path.Value))
			}
		}
		redirect := false
		for j, f := range rule.Filters {
			set, known := httpFilterFields[f.Type]
			if !known {
				problems = append(problems, fmt.Sprintf("%s.filters[%d]: unknown type %q", where, j, f.Type))
				continue
			}
			if !set(f) {
				problems = append(problems, fmt.Sprintf("%s.filters[%d]: type %s needs its field", where, j, f.Type))
			}
			if f.RequestRedirect != nil {
				redirect = true
				if c := f.RequestRedirect.StatusCode; c != nil && !redirectStatuses[*c] {
					problems = append(problems, fmt.Sprintf("%s.filters[%d]: redirect statusCode %d (301 or 302)", where, j, *c))
				}
				if s := f.RequestRedirect.Scheme; s != nil && *s != "http" && *s != "https" {
					problems = append(problems, fmt.Sprintf("%s.filters[%d]: redirect scheme %q", where, j, *s))
				}
			}
		}
		refs := make([]BackendRef, 0, len(rule.BackendRefs))
		for _, b := range rule.BackendRefs {
			refs = append(refs, b.BackendRef)
		}
		if redirect && len(refs) > 0 {
			problems = append(problems, where+": a redirect and backendRefs in the same rule")
		}
		if !redirect && len(refs) == 0 {
			problems = append(problems, where+": no backendRefs (every request would get a 500)")
		}
		problems = append(problems, checkBackendRefs(where, refs)...)
	}
	return problems
}

func checkGRPCRoute(r *GRPCRoute) []string {
	problems := checkRouteCommon(r.Spec.ParentRefs, r.Spec.Hostnames, len(r.Spec.Rules))
	for i, rule := range r.Spec.Rules {
		where := fmt.Sprintf("spec.rules[%d]", i)
		if len(rule.BackendRefs) == 0 {
			problems = append(problems, where+": no backendRefs")
		}
		problems = append(problems, checkBackendRefs(where, rule.BackendRefs)...)
	}
	return problems
}

func checkSecurityPolicy(p *SecurityPolicy) []string {
	var problems []string
	if len(p.Spec.TargetRefs) == 0 {
		problems = append(problems, "spec.targetRefs: at least one target is required")
	}
	for i, t := range p.Spec.TargetRefs {
		if t.Group != "gateway.networking.k8s.io" || (t.Kind != "Gateway" && t.Kind != "HTTPRoute" && t.Kind != "GRPCRoute") || t.Name == "" {
			problems = append(problems, fmt.Sprintf("spec.targetRefs[%d]: a Gateway, HTTPRoute or GRPCRoute of gateway.networking.k8s.io by name", i))
		}
	}
	auth := p.Spec.ExtAuth
	if auth == nil {
		return problems
	}
	if (auth.GRPC == nil) == (auth.HTTP == nil) {
		return append(problems, "spec.extAuth: exactly one of grpc and http is required")
	}
	service := auth.HTTP
	if auth.GRPC != nil {
		service = auth.GRPC
		if auth.GRPC.Path != nil || len(auth.GRPC.HeadersToBackend) > 0 {
			problems = append(problems, "spec.extAuth.grpc: path and headersToBackend are http fields")
		}
	}
	if len(service.BackendRefs) == 0 {
		problems = append(problems, "spec.extAuth: backendRefs is required")
	}
	return append(problems, checkBackendRefs("spec.extAuth", service.BackendRefs)...)
}
