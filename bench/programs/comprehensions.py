total = 0
for r in range(200):
    squares = [x * x for x in range(5000) if x % 3]
    total += sum(v for v in squares if v & 1)
