# Objects and method calls: a small scheduler simulation in the spirit of richards.
class Task:
    def __init__(self, ident, priority, work):
        self.ident = ident
        self.priority = priority
        self.work = work
        self.done = 0

    def step(self):
        self.done += 1
        self.work -= 1
        return self.work <= 0


class Scheduler:
    def __init__(self):
        self.queue = []
        self.finished = []
        self.ticks = 0

    def add(self, task):
        self.queue.append(task)

    def run(self):
        while self.queue:
            self.queue.sort(key=lambda t: (-t.priority, t.ident))
            task = self.queue.pop(0)
            self.ticks += 1
            if task.step():
                self.finished.append(task.ident)
            else:
                task.priority = (task.priority * 3 + 1) % 11
                self.queue.append(task)


def main():
    scheduler = Scheduler()
    for i in range(360):
        scheduler.add(Task(i, i % 7, 20 + i % 13))
    scheduler.run()
    print(scheduler.ticks, scheduler.finished[:5], sum(scheduler.finished))


main()
