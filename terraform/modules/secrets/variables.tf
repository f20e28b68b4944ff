variable "name_prefix" {
  type        = string
  description = "Prefix of the secret names; the ExternalSecrets read <prefix>/<workload> (default ledgerflow)."
  default     = "ledgerflow"
}

variable "secrets" {
  type = map(object({
    description = string
    keys        = list(string)
  }))
  description = "Secrets by workload name: what it is for and the JSON keys its value must hold."
}

variable "recovery_window_days" {
  type        = number
  description = "Days a deleted secret can still be restored."
  default     = 30
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}
