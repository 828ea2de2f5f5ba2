//! The Examples menu: short programs a teacher would start a lesson with.

pub struct Example {
    pub title: &'static str,
    pub code: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        title: "Hello, world",
        code: "# Your first program: print shows text in the output pane.\n\
               name = \"world\"\n\
               print(f\"Hello, {name}!\")\n",
    },
    Example {
        title: "Loops and ranges",
        code: "# A for loop repeats its body once for each item.\n\
               for n in range(1, 11):\n    \
                   print(n, \"squared is\", n * n)\n",
    },
    Example {
        title: "Functions and recursion",
        code: "def factorial(n):\n    \
                   \"\"\"n! = n × (n-1) × … × 1\"\"\"\n    \
                   if n <= 1:\n        \
                       return 1\n    \
                   return n * factorial(n - 1)\n\
               \n\
               for n in [0, 1, 5, 10, 20]:\n    \
                   print(f\"{n}! = {factorial(n)}\")\n",
    },
    Example {
        title: "Lists and comprehensions",
        code: "scores = [72, 95, 88, 61, 99, 84]\n\
               passed = [s for s in scores if s >= 70]\n\
               print(\"passed:\", passed)\n\
               print(\"best:\", max(scores), \"average:\", sum(scores) / len(scores))\n\
               print(\"sorted:\", sorted(scores, reverse=True))\n",
    },
    Example {
        title: "Dictionaries: counting words",
        code: "text = \"the quick brown fox jumps over the lazy dog the end\"\n\
               counts = {}\n\
               for word in text.split():\n    \
                   counts[word] = counts.get(word, 0) + 1\n\
               for word, count in sorted(counts.items(), key=lambda item: -item[1]):\n    \
                   print(f\"{word:>6} {'*' * count}\")\n",
    },
    Example {
        title: "Classes and objects",
        code: "class BankAccount:\n    \
                   def __init__(self, owner, balance=0):\n        \
                       self.owner = owner\n        \
                       self.balance = balance\n\
               \n    \
                   def deposit(self, amount):\n        \
                       self.balance += amount\n\
               \n    \
                   def __repr__(self):\n        \
                       return f\"BankAccount({self.owner!r}, {self.balance})\"\n\
               \n\
               account = BankAccount(\"Ada\")\n\
               account.deposit(50)\n\
               print(account)\n",
    },
    Example {
        title: "Reading an error",
        code: "# This program has a bug. Run it, read the traceback, then click the line\n\
               # number to jump to the mistake.\n\
               def average(numbers):\n    \
                   return sum(numbers) / len(numbers)\n\
               \n\
               print(average([3, 4, 5]))\n\
               print(average([]))\n",
    },
    Example {
        title: "An infinite loop (the budget stops it)",
        code: "# This loop never ends. Sandpiper counts every loop step and stops the\n\
               # program when its instruction budget is used up, so the page never freezes.\n\
               n = 0\n\
               while n >= 0:\n    \
                   n += 1\n",
    },
    Example {
        title: "Bytecode: how Python runs your code",
        code: "# Open the Bytecode tab: Python compiles each line into instructions for\n\
               # its virtual machine. Hover a line to see its instructions.\n\
               def add(a, b):\n    \
                   return a + b\n\
               \n\
               total = 0\n\
               for i in range(3):\n    \
                   total = add(total, i)\n\
               print(total)\n",
    },
    Example {
        title: "Standard library: random, math, json",
        code: "import json\nimport math\nimport random\n\
               \n\
               random.seed(1)\n\
               rolls = [random.randint(1, 6) for _ in range(10)]\n\
               print(\"rolls:\", rolls)\n\
               print(\"sqrt(2) =\", math.sqrt(2))\n\
               print(json.dumps({\"rolls\": rolls[:3], \"pi\": round(math.pi, 4)}))\n",
    },
];

/// What the editor shows the very first time (nothing saved yet).
pub fn first_visit_code() -> &'static str {
    EXAMPLES[0].code
}
