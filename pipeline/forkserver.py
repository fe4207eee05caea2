"""Imported by the fork server that starts the local workers (pipeline.pool preloads it): the libraries are
set up once there (pipeline.warmup.warm_libraries), and every worker forked from it is born with them."""
from pipeline.warmup import warm_libraries

warm_libraries()
