# The check of the embed demo's "average" exercise (docs/exercises.md).
expect(defines("average"), "Defines a function average()",
       "Start with: def average(numbers):")
expect_returns("average", ([2, 4, 6],), 4)
expect_returns("average", ([7],), 7, message="A list of one number has that number as its average.")
expect_returns("average", ([1, 2],), 1.5, message="The average of whole numbers can be a decimal: divide with /.")
expect(not calls("mean"), "Adds the numbers up itself", "Use sum() and len() rather than statistics.mean().")
