while True print("x")
