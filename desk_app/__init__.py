"""desk_app — tiếp xúc, đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền xã với Nhân dân."""

__version__ = "0.1.0"
APP_NAME = "desk-app"

import time as _time

# When the process started running our code: the smoke test reports the time to the first shown window.
STARTED = _time.perf_counter()
