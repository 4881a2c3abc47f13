"""The same MLP trained in PyTorch, timed as a peer row of `./dropout bench` (dropout-repro).

Argument: one JSON object with batch, widths, inputRetain, hiddenRetain, dropout (bool), maxNorm (or null),
seconds, repeats, threads. Prints one JSON object: {"examplesPerSecond": median}. With "serve": true, it warms
up, then times one round for every line "round" it reads and prints one such object per round.
"""
import json
import sys
import time

import torch

args = json.loads(sys.argv[1])
torch.set_num_threads(args["threads"])
torch.manual_seed(1)
batch = args["batch"]

layers = []
previous = 784
for index, width in enumerate(args["widths"] + [10]):
    retain = args["inputRetain"] if index == 0 else args["hiddenRetain"]
    if args["dropout"] and retain < 1:
        layers.append(torch.nn.Dropout(p=1 - retain))  # PyTorch's p is a DROP probability
    layers.append(torch.nn.Linear(previous, width))
    if index < len(args["widths"]):
        layers.append(torch.nn.ReLU())
    previous = width
net = torch.nn.Sequential(*layers)
net.train()
hidden = [m for m in net if isinstance(m, torch.nn.Linear)][:-1]
optimizer = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.95)
loss_function = torch.nn.CrossEntropyLoss()
features = [torch.rand(batch, 784) for _ in range(8)]
labels = [torch.randint(0, 10, (batch,)) for _ in range(8)]


def step(i):
    optimizer.zero_grad()
    loss = loss_function(net(features[i % 8]), labels[i % 8])
    loss.backward()
    optimizer.step()
    if args["maxNorm"]:
        with torch.no_grad():
            for linear in hidden:  # weight is [out, in]: a unit's incoming weights are a row
                norms = linear.weight.norm(dim=1, keepdim=True)
                linear.weight.mul_(torch.clamp(args["maxNorm"] / norms, max=1.0))


def examples_per_second(seconds):
    start = time.perf_counter()
    examples = 0
    i = 0
    while True:
        step(i)
        i += 1
        examples += batch
        if time.perf_counter() - start >= seconds:
            return examples / (time.perf_counter() - start)


if args.get("serve"):
    # paired rounds: warm once, then one round per line "round" on standard input, one JSON line out each
    examples_per_second(args["seconds"])
    for line in sys.stdin:
        if line.strip() == "round":
            print(json.dumps({"examplesPerSecond": examples_per_second(args["seconds"])}), flush=True)
    sys.exit(0)

examples_per_second(args["seconds"] / 2)
rounds = sorted(examples_per_second(args["seconds"]) for _ in range(args["repeats"]))
print(json.dumps({"examplesPerSecond": rounds[len(rounds) // 2]}))
