#!/usr/bin/env bash
# `make test-binder`: the readers' environment, as Binder builds it, runs every chapter.
#
# repo2docker sees binder/ and installs binder/requirements.txt alone (none of the root's files),
# running pip from the repository's root with the Python of binder/runtime.txt. This does the
# same from a copy of the repository's files (as a clone has them; pip builds nnlib there) into a
# fresh virtual environment, then executes every chapter with that environment's own Jupyter
# (nbconvert) from the chapters' folder, so `import nnlib` finds the installed package, not the
# source tree. It also checks that JupyterLab there has the
# widget manager and jupyterlab-myst enabled (`jupyter labextension list` marks jupyterlab-myst
# 2.7 as built for an older @jupyter/ydoc, yet JupyterLab loads it: tests/jupyter sees it render),
# and prints the installed size of both environments.
set -euo pipefail
python=${PYTHON:-python3}
want=$(sed 's/^python-//' binder/runtime.txt)
have=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ "$have" = "$want" ] || echo "note: binder/runtime.txt asks for Python $want; testing with $have"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/repo"
git ls-files -z | xargs -0 cp --parents -t "$tmp/repo"
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --upgrade pip
(cd "$tmp/repo" && "$tmp/venv/bin/python" -m pip install --quiet -r binder/requirements.txt)
bin="$tmp/venv/bin"
for missing in jupyter-book sphinx pytest playwright; do
  if "$bin/python" -m pip show --quiet "$missing" >/dev/null 2>&1; then
    echo "binder/requirements.txt pulled in $missing, which readers do not need" >&2
    exit 1
  fi
done
extensions=$("$bin/jupyter" labextension list 2>&1)
for extension in jupyterlab-myst @jupyter-widgets/jupyterlab-manager; do
  grep -q "$extension.*enabled" <<<"$extensions" || { echo "JupyterLab lacks $extension:"; echo "$extensions"; exit 1; } >&2
done
(cd "$tmp/repo" && JUPYTER_CONFIG_DIR="$tmp/config" bash binder/postBuild)
test -f "$tmp/config/lab/user-settings/@jupyterlab/shortcuts-extension/shortcuts.jupyterlab-settings"
mkdir "$tmp/out"
(
  cd "$tmp/repo/chapters"
  JUPYTER_CONFIG_DIR="$tmp/config" JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime" IPYTHONDIR="$tmp/ipython" \
    "$bin/jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 --output-dir "$tmp/out" ./*.ipynb
)
installed=$(cd "$tmp" && "$bin/python" -c 'import nnlib; print(nnlib.__file__)')
[[ "$installed" == "$tmp/venv/"* ]] || { echo "nnlib is not installed in the Binder environment: $installed" >&2; exit 1; }
echo "every chapter ran in the Binder environment."
echo "installed size: Binder environment $(du -sm "$tmp/venv" | cut -f1) MB; the full environment (.venv) $(du -sm .venv | cut -f1) MB"
