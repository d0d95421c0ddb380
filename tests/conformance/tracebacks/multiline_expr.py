def get_rate(name):
    rates = {"a": 1.5, "b": 2.0}
    return rates.get(name)

total = (
    get_rate("a") * 10
    + get_rate("b") * 20
    + get_rate("c") * 30
)
print(total)
