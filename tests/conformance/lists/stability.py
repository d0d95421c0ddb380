records = [("eve", 3), ("bob", 1), ("amy", 3), ("dan", 2), ("cat", 1), ("fay", 2)]
by_score = sorted(records, key=lambda r: r[1])
print(by_score)
by_score_desc = sorted(records, key=lambda r: r[1], reverse=True)
print(by_score_desc)
step1 = sorted(records, key=lambda r: r[0])
step2 = sorted(step1, key=lambda r: r[1])
print(step2)
lst = [3, 1, 2]
lst.sort(key=lambda v: -v)
print(lst)
print(sorted([True, False, 0, 1, -1]))
