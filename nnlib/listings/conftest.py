# The listings are programs, not modules: importing one runs it (and the PyTorch one needs torch,
# which the course does not install). pytest's doctest collection would import them, so it skips
# them here; tests/test_listings.py runs the nnlib ones, and `make bench` runs the PyTorch one.
collect_ignore_glob = ["digits_*.py"]
