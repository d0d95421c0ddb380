"""The concurrent package: high-level tools for running code concurrently.

Its one module so far is concurrent.futures (thread pools, futures).
"""
