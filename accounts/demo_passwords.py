"""The demo accounts' published passwords (README lists them). Refused when
DEMO_ACCOUNTS_ENABLED is off, which production forces."""

DEMO_PASSWORDS = {
    "admin": "admin-khcn-2025",
    "theodoi": "theodoi-khcn-2025",
    "ubnd": "ubnd-khcn-2025",
    "donvi": "donvi-khcn-2025",
    "mttq": "mttq-khcn-2025",
    "ngoai": "ngoai-khcn-2025",
    "lanhdao": "lanhdao-khcn-2025",
    "donvi_lanhdao": "lanhdao-khcn-2025",
    # Personas of today's units (after the 2025 reorganisation); the leader shares the
    # leaders' password like donvi_lanhdao.
    "phuong": "phuong-khcn-2025",
    "phuong_lanhdao": "lanhdao-khcn-2025",
    "ubndphuong": "ubndphuong-khcn-2025",
    "mttqphuong": "mttqphuong-khcn-2025",
}
