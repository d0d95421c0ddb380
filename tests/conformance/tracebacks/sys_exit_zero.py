import sys
try:
    sys.exit(4)
except SystemExit as e:
    print("caught exit", e.code)
print("exiting cleanly")
sys.exit(0)
