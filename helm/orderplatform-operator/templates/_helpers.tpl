{{/* The release's full name, used for every object of the chart. */}}
{{- define "orderplatform-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
Selector labels. app.kubernetes.io/name is fixed: the NetworkPolicy the operator creates for each
platform lets pods with this label reach the name servers and the broker (to create topics).
*/}}
{{- define "orderplatform-operator.selectorLabels" -}}
app.kubernetes.io/name: orderplatform-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "orderplatform-operator.labels" -}}
{{ include "orderplatform-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "orderplatform-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "orderplatform-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "orderplatform-operator.image" -}}
{{- printf "%s/operator:%s" .Values.image.registry (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
