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

variable "service_tokens" {
  type = map(object({
    description  = string
    accepted_key = string
    callers      = map(string)
  }))
  description = "Secrets that hold generated service-to-service bearer tokens, by name: what it is for, the JSON key of the list the called service accepts (name=token,…) and, by caller name, the JSON key of that caller's own token."
  default     = {}

  validation {
    condition     = length(setintersection(keys(var.service_tokens), keys(var.secrets))) == 0
    error_message = "A service-token secret must not also be one of var.secrets."
  }

  validation {
    condition     = length(setintersection(keys(var.service_tokens), keys(var.passwords))) == 0
    error_message = "A service-token secret must not also be one of var.passwords."
  }

  validation {
    condition     = alltrue([for t in values(var.service_tokens) : length(t.callers) > 0 && !contains(values(t.callers), t.accepted_key)])
    error_message = "Each service-token secret needs at least one caller, and caller keys distinct from the accepted list's key."
  }
}

variable "service_tokens_version" {
  type        = number
  description = "Version of the generated service tokens: raising it generates and writes all of them anew."
  default     = 1
}

variable "token_length" {
  type        = number
  description = "Characters per generated service token (letters and digits)."
  default     = 48

  validation {
    condition     = var.token_length >= 32 && var.token_length <= 4096
    error_message = "Service tokens need at least 32 characters (the services accept 16 or more)."
  }
}

variable "passwords" {
  type = map(object({
    description = string
    keys        = list(string)
  }))
  description = "Secrets whose every key is a password Terraform generates (letters and digits, var.password_length characters), by name: what it is for and the JSON keys."
  default     = {}

  validation {
    condition     = length(setintersection(keys(var.passwords), keys(var.secrets))) == 0
    error_message = "A generated-password secret must not also be one of var.secrets."
  }

  validation {
    condition     = alltrue([for p in values(var.passwords) : length(p.keys) > 0 && length(distinct(p.keys)) == length(p.keys)])
    error_message = "Each generated-password secret needs at least one key, and distinct keys."
  }
}

variable "passwords_version" {
  type        = number
  description = "Version of the generated passwords: raising it generates and writes all of them anew."
  default     = 1
}

variable "password_length" {
  type        = number
  description = "Characters per generated password (letters and digits)."
  default     = 48

  validation {
    condition     = var.password_length >= 32 && var.password_length <= 4096
    error_message = "Generated passwords need at least 32 characters (the migration step accepts 16 or more)."
  }
}
