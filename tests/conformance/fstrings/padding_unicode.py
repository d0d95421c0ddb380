for word in ["a", "ab", "café", "☃☃"]:
    print(f"|{word:>6}|{word:<6}|{word:^6}|{len(word)}")
print(f"{'€':€^5}")
print("{:~^9}".format("日本"))
