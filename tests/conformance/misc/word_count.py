text = """It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity"""
counts = {}
for line in text.splitlines():
    for raw in line.split():
        word = raw.strip(",.").lower()
        counts[word] = counts.get(word, 0) + 1
ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
for word, n in ranked[:6]:
    print(f"{word:>10} {n:3} {'#' * n}")
print(len(counts), sum(counts.values()))
print(sorted(w for w, n in counts.items() if n == 1))
