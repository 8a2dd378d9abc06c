"""Guest helper of workloads.sh's build step: writes a C project of N tiny translation units.

    python3 gen-c-project.py DIR N    -> prints the checksum the built program must print

DIR/src/uNNN.c each define one function, DIR/src/units.h declares them, DIR/src/main.c sums their results
(unsigned 32-bit arithmetic) and prints "checksum S"; DIR/Makefile builds DIR/prog from objects in DIR/obj.
"""
import os
import sys

root, count = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(root, "src"), exist_ok=True)
checksum = 0
for i in range(count):
    factor, addend = (i * 2654435761) % 1000003, (i * 40503) % 65521
    with open(os.path.join(root, "src", f"u{i:03d}.c"), "w") as f:
        f.write(f"unsigned u{i:03d}(unsigned x) {{ return x * {factor}u + {addend}u; }}\n")
    checksum = (checksum + i * factor + addend) & 0xFFFFFFFF
with open(os.path.join(root, "src", "units.h"), "w") as f:
    f.writelines(f"unsigned u{i:03d}(unsigned x);\n" for i in range(count))
with open(os.path.join(root, "src", "main.c"), "w") as f:
    f.write('#include <stdio.h>\n#include "units.h"\n\nint main(void)\n{\n\tunsigned sum = 0;\n')
    f.writelines(f"\tsum += u{i:03d}({i}u);\n" for i in range(count))
    f.write('\tprintf("checksum %u\\n", sum);\n\treturn 0;\n}\n')
with open(os.path.join(root, "Makefile"), "w") as f:
    f.write(
        "SRCS := $(wildcard src/*.c)\n"
        "OBJS := $(SRCS:src/%.c=obj/%.o)\n\n"
        "prog: $(OBJS)\n\t$(CC) -o $@ $^\n\n"
        "obj/%.o: src/%.c src/units.h | obj\n\t$(CC) -O0 -c -o $@ $<\n\n"
        "obj:\n\tmkdir -p obj\n")
print(checksum)
