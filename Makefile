# Two commands on a fresh machine: `make release` builds everything, `make test` runs the tests.
# Both create .venv and install what they need first.
.PHONY: release test env bench

env:
	@bash tools/bootstrap.sh

release: env
	.venv/bin/autodiff-course build

test: env
	.venv/bin/python -m pytest

bench: env
	.venv/bin/python benchmarks/bench.py
	.venv/bin/python benchmarks/gpu_crossover.py
