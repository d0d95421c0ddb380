x = 2
print(1 < x < 3, 1 < x > 5, 1 < 2 < 3 < 4 < 5)
print(x == 2 == 2.0, 3 > 2 > 1 > 0)
print(1 == 1.0, 1 != 1.0, 2 >= 2.0, 0 == -0.0)
print(1 == True, 0 == False, "1" == 1)
print([1, 2] == [1, 2], [1, 2] < [1, 3], [1, 2] < [1, 2, 0])
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 3), (2,) > (1, 99))
print("abc" < "abd", "Z" < "a", "apple" < "apples", "" < "a")
print("b" > "abc", "10" < "9")
print({1: 2} == {1: 2}, {1, 2} == {2, 1})
print(None == None, None != 0)
print(10 ** 20 == 1e20, 2 ** 53 + 1 == float(2 ** 53 + 1))
def f(v):
    print("eval", v)
    return v
print(f(1) < f(2) < f(0) < f(5))
