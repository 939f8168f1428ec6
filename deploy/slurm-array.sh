#!/usr/bin/env bash
# shenbao on a Slurm cluster: a job array runs N shards of the inbox, each into its own output
# folder, and a dependent job merges them into the reviewers' OUT.
#
#   deploy/slurm-array.sh submit          # submits the array and the merge (run from cron)
#
# Under Slurm (SLURM_ARRAY_TASK_ID set) the script is one shard:
#   shenbao run $INBOX --out $SHARDS/K --shard K/N
# A bundle belongs to shard sha256(its file or folder name) mod N, so it stays in its shard
# and each shard's ledger skips what it has already seen. Changing N reprocesses moved
# bundles once. INBOX, SHARDS and OUT must be on a file system every node sees.
#
# Settings (environment): SHENBAO (binary), INBOX, SHARDS, OUT, SHENBAO_SHARDS (N).
#SBATCH --job-name=shenbao
#SBATCH --array=0-3
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=08:00:00
#SBATCH --output=shenbao-%A_%a.log
set -euo pipefail

SHENBAO="${SHENBAO:-/usr/local/bin/shenbao}"
INBOX="${INBOX:-/srv/shenbao/inbox}"
SHARDS="${SHARDS:-/srv/shenbao/shards}"
OUT="${OUT:-/srv/shenbao/out}"
N="${SHENBAO_SHARDS:-4}"

if [ "${1:-}" = "submit" ]; then
  array=$(sbatch --parsable --array="0-$((N - 1))" --export=ALL,SHENBAO_SHARDS="$N" "$0")
  # afterany: a shard that exits 1 (an unreadable bundle, listed in its outputs) still merges.
  merge_inputs=()
  for ((k = 0; k < N; k++)); do merge_inputs+=("$SHARDS/$k"); done
  sbatch --parsable --job-name=shenbao-merge --dependency="afterany:${array}" \
    --output=shenbao-merge-%j.log \
    --wrap="$(printf '%q ' "$SHENBAO" merge "${merge_inputs[@]}" --out "$OUT")"
  echo "submitted shards ${array} and their merge"
  exit 0
fi

: "${SLURM_ARRAY_TASK_ID:?run under sbatch (or: $0 submit)}"
k="$SLURM_ARRAY_TASK_ID"
# scancel and the time limit send SIGTERM (SIGKILL after KillWait): shenbao stops after the
# current bundle and writes its outputs; if killed, the next run finishes what was missing.
exec "$SHENBAO" run "$INBOX" --out "$SHARDS/$k" --shard "$k/$N" \
  --jobs "${SLURM_CPUS_PER_TASK:-0}" --plain
