#!/bin/sh
# /usr/bin/continuo: runs the packaged Continuo. One OpenMP thread for ND4J unless told otherwise (faster than two
# for Continuo's small models on desktop CPUs).
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_NUM_THREADS
exec /opt/continuo/bin/continuo "$@"
