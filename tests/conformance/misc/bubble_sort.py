def bubble(arr):
    a = list(arr)
    swaps = 0
    for i in range(len(a)):
        swapped = False
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return a, swaps
print(bubble([5, 1, 4, 2, 8]))
print(bubble([]))
print(bubble(list(range(10, 0, -1))))
print(bubble(["pear", "apple", "fig"]))
def insertion(arr):
    a = arr[:]
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a
print(insertion([3.5, -1, 2, 0]))
