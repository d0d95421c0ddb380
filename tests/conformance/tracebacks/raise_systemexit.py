print("raising SystemExit")
raise SystemExit(7)
