"""What the 2019 and 2021 national forms share: tables 三 and 四, the matrix extractor, the
sums and the form's note, narrative wording and carry-over checks.

Not a form itself: ``core.forms.national_2019`` and ``core.forms.national_2021`` build
their ``ReportForm`` from these parts. Nothing here imports either of them.
"""

ANCHORS = ("政府信息公开申请数量", "结转", "予以公开", "第二十条", "本年新收")
