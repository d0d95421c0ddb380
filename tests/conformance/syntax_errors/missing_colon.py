print("valid line runs? no")
if True
    print("x")
