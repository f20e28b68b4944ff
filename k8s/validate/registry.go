package main

import (
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

func gvk(group, version, kind string) schema.GroupVersionKind {
	return schema.GroupVersionKind{Group: group, Version: version, Kind: kind}
}

// registry lists every kind the platform may ship, at the versions the target cluster serves.
var registry = map[schema.GroupVersionKind]func() any{
	gvk("", "v1", "Namespace"):                                   func() any { return &corev1.Namespace{} },
	gvk("", "v1", "ConfigMap"):                                   func() any { return &corev1.ConfigMap{} },
	gvk("", "v1", "Secret"):                                      func() any { return &corev1.Secret{} },
	gvk("", "v1", "Service"):                                     func() any { return &corev1.Service{} },
	gvk("", "v1", "ServiceAccount"):                              func() any { return &corev1.ServiceAccount{} },
	gvk("apps", "v1", "Deployment"):                              func() any { return &appsv1.Deployment{} },
	gvk("apps", "v1", "StatefulSet"):                             func() any { return &appsv1.StatefulSet{} },
	gvk("apps", "v1", "DaemonSet"):                               func() any { return &appsv1.DaemonSet{} },
	gvk("batch", "v1", "Job"):                                    func() any { return &batchv1.Job{} },
	gvk("batch", "v1", "CronJob"):                                func() any { return &batchv1.CronJob{} },
	gvk("autoscaling", "v2", "HorizontalPodAutoscaler"):          func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	gvk("policy", "v1", "PodDisruptionBudget"):                   func() any { return &policyv1.PodDisruptionBudget{} },
	gvk("networking.k8s.io", "v1", "NetworkPolicy"):              func() any { return &networkingv1.NetworkPolicy{} },
	gvk("rbac.authorization.k8s.io", "v1", "Role"):               func() any { return &rbacv1.Role{} },
	gvk("rbac.authorization.k8s.io", "v1", "RoleBinding"):        func() any { return &rbacv1.RoleBinding{} },
	gvk("rbac.authorization.k8s.io", "v1", "ClusterRole"):        func() any { return &rbacv1.ClusterRole{} },
	gvk("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"): func() any { return &rbacv1.ClusterRoleBinding{} },
	gvk("monitoring.coreos.com", "v1", "ServiceMonitor"):         func() any { return &ServiceMonitor{} },
	gvk("monitoring.coreos.com", "v1", "PrometheusRule"):         func() any { return &PrometheusRule{} },
	gvk("external-secrets.io", "v1", "ExternalSecret"):           func() any { return &ExternalSecret{} },
	gvk("external-secrets.io", "v1", "ClusterSecretStore"):       func() any { return &ClusterSecretStore{} },
	// The edge: Gateway API (Standard channel) and Envoy Gateway's policies. Ingress is not
	// listed: its controller, ingress-nginx, is retired.
	gvk("gateway.networking.k8s.io", "v1", "GatewayClass"):     func() any { return &GatewayClass{} },
	gvk("gateway.networking.k8s.io", "v1", "Gateway"):          func() any { return &Gateway{} },
	gvk("gateway.networking.k8s.io", "v1", "HTTPRoute"):        func() any { return &HTTPRoute{} },
	gvk("gateway.networking.k8s.io", "v1", "GRPCRoute"):        func() any { return &GRPCRoute{} },
	gvk("gateway.envoyproxy.io", "v1alpha1", "SecurityPolicy"): func() any { return &SecurityPolicy{} },
}

// clusterScoped kinds must not carry a namespace (kustomize adds one to kinds it does not know).
var clusterScoped = map[schema.GroupVersionKind]bool{
	gvk("", "v1", "Namespace"):                                   true,
	gvk("rbac.authorization.k8s.io", "v1", "ClusterRole"):        true,
	gvk("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding"): true,
	gvk("external-secrets.io", "v1", "ClusterSecretStore"):       true,
	gvk("gateway.networking.k8s.io", "v1", "GatewayClass"):       true,
}
