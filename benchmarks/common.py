"""What the benchmark scripts share."""

# Source for a fresh subprocess: its own peak RSS in MB. ``ru_maxrss`` is no good there: Linux carries
# it across exec, so a child reports at least the size of the process that started it.
PEAK_RSS = """
def peak_rss_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
"""
