n = 0
for a in range(300):
    for b in range(300):
        for c in range(20):
            n += 1
