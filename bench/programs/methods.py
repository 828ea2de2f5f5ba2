class Counter:
    def __init__(self):
        self.n = 0
    def add(self, k):
        self.n += k
        return self
c = Counter()
for i in range(500_000):
    c.add(i).add(1)
