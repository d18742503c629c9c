#!/usr/bin/env bash
# The relay on Cloud Run with a static egress IP (the address to put on the WeChat IP whitelist).
# Run from the repository root, with gcloud logged in (gcloud auth login) and Docker running:
#   PROJECT=my-project REGION=asia-east2 CONFIG=./relay-config.json bash relay/deploy/cloud-run.sh
# Safe to run again: steps that already happened are skipped, and a new image and config version are deployed.
# Optional: SERVICE (default wechat-relay), NETWORK (default default), SUBNET_RANGE (default 10.20.0.0/26), TAG.
set -euo pipefail

: "${PROJECT:?set PROJECT to the Google Cloud project ID}"
: "${REGION:?set REGION, e.g. asia-east2 (Hong Kong) or asia-southeast1 (Singapore)}"
: "${CONFIG:?set CONFIG to the relay configuration file (JSON), e.g. ./relay-config.json}"
[[ -f "$CONFIG" ]] || { echo "CONFIG: no such file: $CONFIG" >&2; exit 1; }
SERVICE="${SERVICE:-wechat-relay}"
NETWORK="${NETWORK:-default}"
SUBNET_RANGE="${SUBNET_RANGE:-10.20.0.0/26}"
TAG="${TAG:-$(date -u +%Y%m%d-%H%M%S)}"
REGISTRY="${REGION}-docker.pkg.dev"
IMAGE="${REGISTRY}/${PROJECT}/${SERVICE}/relay:${TAG}"
RUNTIME_ACCOUNT="${SERVICE}@${PROJECT}.iam.gserviceaccount.com"

gcloud config set project "$PROJECT"

echo "--- 1. APIs: Cloud Run, Artifact Registry, Secret Manager, Compute Engine (VPC, Cloud NAT), Cloud Logging"
gcloud services enable run.googleapis.com artifactregistry.googleapis.com secretmanager.googleapis.com \
  compute.googleapis.com logging.googleapis.com

echo "--- 2. The image: an Artifact Registry repository, Docker logged in to it, build and push"
gcloud artifacts repositories describe "$SERVICE" --location="$REGION" >/dev/null 2>&1 ||
  gcloud artifacts repositories create "$SERVICE" --repository-format=docker --location="$REGION"
gcloud auth configure-docker "$REGISTRY" --quiet
docker build -f relay/Dockerfile -t "$IMAGE" .
docker push "$IMAGE"

echo "--- 3. The configuration as a secret, readable only by the service's own account"
gcloud iam service-accounts describe "$RUNTIME_ACCOUNT" >/dev/null 2>&1 ||
  gcloud iam service-accounts create "$SERVICE" --display-name="WeChat relay (Cloud Run)"
if gcloud secrets describe "${SERVICE}-config" >/dev/null 2>&1; then
  gcloud secrets versions add "${SERVICE}-config" --data-file="$CONFIG"
else
  gcloud secrets create "${SERVICE}-config" --replication-policy=automatic --data-file="$CONFIG"
fi
gcloud secrets add-iam-policy-binding "${SERVICE}-config" \
  --member="serviceAccount:${RUNTIME_ACCOUNT}" --role=roles/secretmanager.secretAccessor

echo "--- 4. The static egress IP: a subnet for the service, Cloud NAT through one reserved address"
gcloud compute addresses describe "${SERVICE}-egress" --region="$REGION" >/dev/null 2>&1 ||
  gcloud compute addresses create "${SERVICE}-egress" --region="$REGION"
gcloud compute networks subnets describe "$SERVICE" --region="$REGION" >/dev/null 2>&1 ||
  gcloud compute networks subnets create "$SERVICE" --network="$NETWORK" --region="$REGION" --range="$SUBNET_RANGE"
gcloud compute routers describe "$SERVICE" --region="$REGION" >/dev/null 2>&1 ||
  gcloud compute routers create "$SERVICE" --network="$NETWORK" --region="$REGION"
gcloud compute routers nats describe "$SERVICE" --router="$SERVICE" --region="$REGION" >/dev/null 2>&1 ||
  gcloud compute routers nats create "$SERVICE" --router="$SERVICE" --region="$REGION" \
    --nat-custom-subnet-ip-ranges="$SERVICE" --nat-external-ip-pool="${SERVICE}-egress"

echo "--- 5. Cloud Run's request log records every request URL: keep it out of Cloud Logging (the relay logs its own)"
EXCLUSION_FILTER="resource.type=\"cloud_run_revision\" AND resource.labels.service_name=\"${SERVICE}\" AND log_id(\"run.googleapis.com/requests\")"
gcloud logging sinks describe _Default --format='value(exclusions[].name)' | grep -qw "${SERVICE}-requests" ||
  gcloud logging sinks update _Default --add-exclusion="name=${SERVICE}-requests,filter=${EXCLUSION_FILTER}"

echo "--- 6. The service: all egress through the subnet (Direct VPC egress), hence through the NAT's address"
gcloud run deploy "$SERVICE" --image="$IMAGE" --region="$REGION" \
  --service-account="$RUNTIME_ACCOUNT" \
  --network="$NETWORK" --subnet="$SERVICE" --vpc-egress=all-traffic \
  --set-secrets="/etc/relay/config.json=${SERVICE}-config:latest" \
  --set-env-vars=RELAY_CONFIG_FILE=/etc/relay/config.json \
  --allow-unauthenticated --ingress=all \
  --cpu=1 --memory=256Mi --concurrency=250 --max-instances=3 --timeout=60

echo "--- Done"
echo "Relay URL (for the add-on):    $(gcloud run services describe "$SERVICE" --region="$REGION" --format='value(status.url)')"
echo "IP to whitelist at WeChat:     $(gcloud compute addresses describe "${SERVICE}-egress" --region="$REGION" --format='value(address)')"
