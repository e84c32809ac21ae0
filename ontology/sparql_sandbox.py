"""Deny a process the network: a seccomp filter that kills it when it tries to open a socket.

The SPARQL engine (Oxigraph) has an HTTP client built in for SERVICE and no switch to turn it off, so the worker
process that runs queries installs this filter before it imports the engine. From then on, `socket()`,
`socketpair()`, `connect()` and `io_uring_setup()` (io_uring can open sockets on its own) end the process with
SIGSYS: no connection can even begin, whatever form of query reached the engine, and the server, seeing the
worker die of SIGSYS, knows the query tried the network. The worker needs no new socket: it talks to the server
over a socket pair it inherits, already connected.

The filter is a classic BPF program installed with seccomp(2) and SECCOMP_FILTER_FLAG_TSYNC, so it applies to
every thread the process already has and is inherited by every thread it makes later. Linux only (x86-64,
aarch64); elsewhere `deny_network` raises, and the caller refuses to run queries rather than run them with the
network open.
"""

from __future__ import annotations

import ctypes
import platform
import struct
import sys

PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC = 1, 1
SECCOMP_RET_KILL_PROCESS = 0x80000000
SECCOMP_RET_ALLOW = 0x7FFF0000
X32_SYSCALL_BIT = 0x40000000

# BPF opcodes: load a word at an absolute offset of struct seccomp_data, jump if equal / greater-or-equal, return.
LD_W_ABS, JEQ_K, JGE_K, RET_K = 0x20, 0x15, 0x35, 0x06
OFFSET_NR, OFFSET_ARCH = 0, 4

# (audit arch, seccomp's own number, {denied syscall: number}) per machine, from the kernel's syscall tables.
AUDIT_ARCH_X86_64, AUDIT_ARCH_AARCH64 = 0xC000003E, 0xC00000B7
ARCHES = {
    "x86_64": (AUDIT_ARCH_X86_64, 317, {"socket": 41, "connect": 42, "socketpair": 53, "io_uring_setup": 425}),
    "aarch64": (AUDIT_ARCH_AARCH64, 277, {"socket": 198, "socketpair": 199, "connect": 203, "io_uring_setup": 425}),
}
ARCHES["amd64"] = ARCHES["x86_64"]
ARCHES["arm64"] = ARCHES["aarch64"]


class SandboxUnavailable(RuntimeError):
    """The network could not be denied here (not Linux, an unknown machine, or the kernel refused)."""


def _program(arch: int, denied: list[int], x32: bool) -> list[tuple[int, int, int, int]]:
    kill, allow = (RET_K, 0, 0, SECCOMP_RET_KILL_PROCESS), (RET_K, 0, 0, SECCOMP_RET_ALLOW)
    program = [(LD_W_ABS, 0, 0, OFFSET_ARCH), (JEQ_K, 1, 0, arch), kill, (LD_W_ABS, 0, 0, OFFSET_NR)]
    if x32:  # x32-ABI numbers would reach the same calls under other numbers
        program += [(JGE_K, 0, 1, X32_SYSCALL_BIT), kill]
    for i, number in enumerate(denied):
        # equal: jump to the kill at the end (past the remaining checks and the allow); else go on.
        program.append((JEQ_K, len(denied) - i, 0, number))
    return [*program, allow, kill]


def deny_network() -> None:
    if sys.platform != "linux" or platform.machine() not in ARCHES:
        raise SandboxUnavailable(f"no seccomp filter for {sys.platform}/{platform.machine()}")
    arch, seccomp, calls = ARCHES[platform.machine()]
    program = _program(arch, sorted(calls.values()), x32=arch == AUDIT_ARCH_X86_64)
    filters = b"".join(struct.pack("HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(filters, len(filters))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program), ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    libc.syscall.argtypes = [ctypes.c_long, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_void_p]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:  # what lets an unprivileged process install a filter
        raise SandboxUnavailable(f"prctl(NO_NEW_PRIVS) failed: errno {ctypes.get_errno()}")
    if libc.syscall(seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, ctypes.addressof(fprog)) != 0:
        raise SandboxUnavailable(f"seccomp(SET_MODE_FILTER) failed: errno {ctypes.get_errno()}")


def network_denied() -> bool:
    """Whether this process runs under a seccomp filter (as the kernel reports it)."""
    try:
        with open("/proc/self/status") as status:
            return any(line.split() == ["Seccomp:", "2"] for line in status)
    except OSError:
        return False
