<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="ko_KR">
<context>
    <name />
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="88" />
        <source>RosterTableModel</source>
        <translation>RosterTableModel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="116" />
        <location filename="../../kiosk/ui/roster_view.py" line="117" />
        <location filename="../../kiosk/ui/roster_view.py" line="151" />
        <location filename="../../kiosk/ui/roster_view.py" line="155" />
        <location filename="../../kiosk/ui/speakers_board.py" line="74" />
        <location filename="../../kiosk/ui/verdict_panel.py" line="127" />
        <location filename="../../kiosk/ui/vip_alert.py" line="105" />
        <location filename="../../kiosk/ui/vip_alert.py" line="107" />
        <source>labels</source>
        <translation>labels</translation>
    </message>
</context>
<context>
    <name>AuditNotice</name>
    <message>
        <location filename="../../kiosk/ui/window_parts.py" line="146" />
        <source>감사 기록 손상: {0} — 책임자에게 알리세요</source>
        <translation>Audit log damaged: {0} — tell the supervisor</translation>
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="50" />
        <source>백업 및 복원</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="59" />
        <source>지금 백업</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="60" />
        <source>선택한 백업으로 복원…</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="61" />
        <source>폴더 열기</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="62" />
        <source>진단 정보 복사</source>
        <translation>Copy diagnostics</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="63" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="87" />
        <source>서버 데이터베이스는 이 화면에서 백업하지 않습니다 (pg_dump를 쓰세요).</source>
        <translation>Server databases are not backed up from this window (use pg_dump).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="92" />
        <source>백업은 10분마다(체크인이 있을 때), 시작할 때와 끝낼 때 자동으로 만들어집니다.</source>
        <translation>Backups are made automatically every 10 minutes (while check-ins happen), at start and at exit.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="110" />
        <source>백업 실패</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="121" />
        <source>백업으로 복원</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="122" />
        <source>프로그램을 다시 시작하며 선택한 백업으로 되돌립니다. 그 뒤의 체크인은 사라지지만, 현재 파일은 지우지 않고 옆에 보관합니다. 계속할까요?</source>
        <translation>The program will restart with the selected backup. Check-ins made after it will be gone, but the current file is kept beside it, not deleted. Continue?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/backup_dialog.py" line="142" />
        <source>복사했습니다</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>BadgePrinter</name>
    <message>
        <location filename="../../kiosk/ui/badge.py" line="129" />
        <source>배지 미리보기 — {0}</source>
        <translation>Badge preview — {0}</translation>
    </message>
</context>
<context>
    <name>BasicsPage</name>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="102" />
        <source>1. 기본 정보</source>
        <translation>1. Basics</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="102" />
        <source>행사 이름, 장소, 날짜와 시간, 정원</source>
        <translation>Event name, venue, date and time, capacity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="105" />
        <source>예: 2026 지역균형발전 포럼</source>
        <translation>e.g. 2026 Regional Balanced Development Forum</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="107" />
        <source>예: 대전컨벤션센터</source>
        <translation>e.g. Daejeon Convention Center</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="122" />
        <source> 명</source>
        <translation> people</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="124" />
        <source>쉼표로 구분: 대전광역시, 지역균형발전포럼</source>
        <translation>Separated by commas: Daejeon City, Regional Forum</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="126" />
        <source>행사 이름</source>
        <translation>Event name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="127" />
        <source>장소</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="128" />
        <source>날짜</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="134" />
        <source>시작 – 끝</source>
        <translation>Starts – ends</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="135" />
        <source>시간대</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="136" />
        <source>정원</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="137" />
        <source>주최</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="138" />
        <source>후원</source>
        <translation>Sponsors</translation>
    </message>
</context>
<context>
    <name>CameraControl</name>
    <message>
        <location filename="../../kiosk/ui/window_parts.py" line="76" />
        <source>카메라를 쓸 수 없습니다 — 스캐너 전용 모드 ({0})</source>
        <translation>The camera cannot be used — scanner-only mode ({0})</translation>
    </message>
</context>
<context>
    <name>CameraFrameSource</name>
    <message>
        <location filename="../../kiosk/scan/sources.py" line="91" />
        <source>카메라가 연결되어 있지 않습니다 — 스캐너 전용 모드</source>
        <translation>No camera is connected — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/sources.py" line="95" />
        <source>선택한 카메라를 찾을 수 없습니다 — 스캐너 전용 모드</source>
        <translation>The selected camera was not found — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/sources.py" line="103" />
        <source>사용할 수 없음</source>
        <translation>Not available</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/sources.py" line="105" />
        <location filename="../../kiosk/scan/sources.py" line="130" />
        <source>카메라 오류: {0} — 스캐너 전용 모드</source>
        <translation>Camera error: {0} — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/sources.py" line="136" />
        <source>카메라 연결이 끊어졌습니다 — 스캐너 전용 모드</source>
        <translation>The camera was disconnected — scanner-only mode</translation>
    </message>
</context>
<context>
    <name>CameraScanner</name>
    <message>
        <location filename="../../kiosk/scan/pipeline.py" line="143" />
        <source>카메라 기능(QtMultimedia)을 사용할 수 없습니다 — 스캐너 전용 모드</source>
        <translation>Camera support (QtMultimedia) is not available — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/pipeline.py" line="147" />
        <source>QR 디코더를 사용할 수 없습니다: {0} — 스캐너 전용 모드</source>
        <translation>The QR decoder is not available: {0} — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/pipeline.py" line="155" />
        <source>카메라 오류: {0} — 스캐너 전용 모드</source>
        <translation>Camera error: {0} — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/pipeline.py" line="166" />
        <location filename="../../kiosk/scan/pipeline.py" line="201" />
        <source>카메라 스캔 중: {0}</source>
        <translation>Scanning with camera: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/pipeline.py" line="182" />
        <source>카메라 꺼짐 — 스캐너 전용 모드</source>
        <translation>Camera off — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/scan/pipeline.py" line="274" />
        <source>카메라 영상이 들어오지 않습니다 — USB 스캐너를 사용하세요</source>
        <translation>No picture from the camera — use the USB scanner</translation>
    </message>
</context>
<context>
    <name>CameraView</name>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="95" />
        <source>카메라 선택</source>
        <translation>Choose camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="102" />
        <source>카메라 상태</source>
        <translation>Camera status</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="128" />
        <source>카메라 꺼짐 — 스캐너 전용 모드</source>
        <translation>Camera off — scanner-only mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="138" />
        <source>카메라 없음</source>
        <translation>No camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="147" />
        <source>카메라 끄기</source>
        <translation>Turn camera off</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="147" />
        <source>카메라 켜기</source>
        <translation>Turn camera on</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/camera_view.py" line="171" />
        <source>USB 스캐너로 계속 스캔할 수 있습니다</source>
        <translation>You can keep scanning with the USB scanner</translation>
    </message>
</context>
<context>
    <name>CertificateMailDialog</name>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="41" />
        <source>참석확인증 메일 보내기</source>
        <translation>Send certificates of attendance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="50" />
        <source>아직 받지 않은 분에게만 (이미 보낸 분은 건너뜀)</source>
        <translation>Only those who have not received it (skip anyone already sent)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="64" />
        <source>보내기</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="67" />
        <source>멈추기</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="70" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="81" />
        <source>참석한 {0}명 중 이메일이 있는 {1}명에게 참석확인증(PDF)을 보냅니다. 불참자에게는 보내지 않습니다.</source>
        <translation>Certificates (PDF) go to the {1} of the {0} attendees who have an e-mail address. No-shows get none.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="106" />
        <source>보내는 중…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="122" />
        <source>{0} / {1}명 보냄</source>
        <translation>{0} / {1} sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="127" />
        <source>보냄 {0} · 실패 {1} · 제외 {2} · 남음 {3}</source>
        <translation>Sent {0} · failed {1} · skipped {2} · left {3}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="131" />
        <source> · 이미 보낸 {0}명 건너뜀</source>
        <translation> · {0} already sent, skipped</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/certificate_mail_dialog.py" line="140" />
        <source>보내지 못했습니다: {0}</source>
        <translation>Could not send: {0}</translation>
    </message>
</context>
<context>
    <name>CompanionsBar</name>
    <message>
        <location filename="../../kiosk/ui/companions.py" line="41" />
        <source>함께 온 수행원</source>
        <translation>Companions with this guest</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/companions.py" line="46" />
        <source>{0}명</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/companions.py" line="70" />
        <source>{0} 님과 함께 온 수행원 (최대 {1}명)</source>
        <translation>Companions with {0} (up to {1})</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="39" />
        <source>동기화 충돌 확인</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="43" />
        <source>연결이 끊긴 동안 같은 사람이 두 PC에서 입장 처리되었습니다. 동기화는 먼저 입장한 기록(서버 시계로 보정한 시각)을 남겼습니다. 다른 쪽이 맞으면 그 기록을 선택해 유지하세요. 남기는 기록에는 두 기록 중 많은 동반인 수가 남습니다.</source>
        <translation>While the stations could not see each other, the same person was checked in on two of them. The sync kept the earlier check-in (times corrected to the server's clock). If the other one is right, select it and keep it. The check-in you keep carries the larger companion count of the two.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="50" />
        <source>참가자</source>
        <translation>Participant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="50" />
        <source>동기화가 남긴 기록</source>
        <translation>Kept by the sync</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="50" />
        <source>동기화가 취소한 기록</source>
        <translation>Undone by the sync</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="59" />
        <source>남긴 기록이 맞음 (확인)</source>
        <translation>The kept one is right (confirm)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="60" />
        <source>취소된 기록을 대신 유지</source>
        <translation>Keep the undone one instead</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="69" />
        <source>서버가 먼저 바꾼 기록 (오프라인 변경이 적용되지 않음)</source>
        <translation>Changed on the server first (offline change not applied)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="73" />
        <source>읽었음</source>
        <translation>Read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="83" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="103" />
        <source>확인할 충돌이 없습니다.</source>
        <translation>No conflicts to check.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="106" />
        <source>{0}: 이 PC({1}) {2} / 서버 {3}</source>
        <translation>{0}: this PC ({1}) {2} / server {3}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="112" />
        <source>입장 중</source>
        <translation>inside</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="112" />
        <source>퇴장</source>
        <translation>left</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="112" />
        <source>취소됨</source>
        <translation>undone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="113" />
        <source>{0} · {1} · 동반 {2}명 · {3}</source>
        <translation>{0} · {1} · {2} companions · {3}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/conflicts_dialog.py" line="144" />
        <source>{0}: {1} 기록을 유지했습니다 (동반 {2}명).</source>
        <translation>{0}: kept the check-in from {1} ({2} companions).</translation>
    </message>
</context>
<context>
    <name>ConnectionBadge</name>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="80" />
        <source>온라인</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="81" />
        <source>오프라인 (로컬 저장 중)</source>
        <translation>Offline (saving locally)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="82" />
        <source>동기화 중</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="92" />
        <source>다른 PC와 같은 이름: 이름을 바꾸세요</source>
        <translation>Same name as another PC: rename one</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="94" />
        <source>미전송 {0}건</source>
        <translation>{0} not sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="96" />
        <source>충돌 {0}건 · 동기화 확인 {1}건</source>
        <translation>{0} conflicts · {1} sync findings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="98" />
        <source>충돌 {0}건 확인 필요</source>
        <translation>{0} conflicts to review</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="100" />
        <source>동기화 확인 {0}건</source>
        <translation>{0} sync findings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="102" />
        <source>개인정보 삭제된 서버: 연락처는 올리지 않음</source>
        <translation>Server data purged: contacts not uploaded</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="117" />
        <source>공유 서버: {0}</source>
        <translation>Shared server: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="119" />
        <source>서버에 연결할 수 없어 이 PC에 저장하고 있습니다. 연결되면 자동으로 보냅니다.</source>
        <translation>The server cannot be reached, so check-ins are saved on this PC. They are sent automatically once connected.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="121" />
        <source>연결 끊김: {0}</source>
        <translation>Disconnected: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="125" />
        <source>마지막 동기화: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="128" />
        <source>서버의 개인정보가 삭제되어 있어, 오프라인에 받은 전화번호·이메일·메모는 올리지 않고 이 PC의 사본에서도 지웠습니다. 체크인과 이름·소속은 그대로 올렸습니다.</source>
        <translation>Personal data on the server was purged: phones, e-mails and notes taken offline were not uploaded and were removed from this PC's copy. Check-ins, names and organisations were uploaded.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="132" />
        <source>다른 PC가 이 체크인 PC 이름을 쓰고 있습니다. 설정(F10)에서 한 PC의 이름을 바꾸세요. 그때까지 이 PC는 서버와 끊기면 책임자 승인 없이는 입장시키지 않습니다.</source>
        <translation>Another PC uses this station name. Rename one of them in Settings (F10). Until then this PC admits nobody without a supervisor override while apart from the server.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="135" />
        <source>두 PC에서 같은 사람이 체크인된 기록 {0}건: 관리자 확인</source>
        <translation>{0} people checked in at two stations: supervisor to review</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="137" />
        <source>동기화 확인 사항 {0}건 (정원 초과 또는 취소된 분 입장): 관리자 확인</source>
        <translation>{0} sync findings (over capacity or a cancelled guest admitted): supervisor to review</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/connection_badge.py" line="139" />
        <source>누르면 확인 화면이 열립니다 (책임자)</source>
        <translation>Click to open the review screen (supervisor)</translation>
    </message>
</context>
<context>
    <name>CountersBar</name>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="43" />
        <source>입장 / 정원</source>
        <translation>Checked in / capacity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="44" />
        <source>현재 인원</source>
        <translation>Present now</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="45" />
        <source>잔여 좌석</source>
        <translation>Seats left</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="46" />
        <source>현장등록</source>
        <translation>Walk-ins</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="47" />
        <source>미도착</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="74" />
        <source>초청 {0}명</source>
        <translation>{0} invited</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="76" />
        <source>수행원 {0}명 포함</source>
        <translation>incl. {0} companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="82" />
        <source>정원의 %p% 입장 (현재 {0}/{1})</source>
        <translation>%p% of capacity ({0}/{1} present)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/counters.py" line="86" />
        <source>정원이 찼습니다 — 현장등록은 책임자 승인</source>
        <translation>The room is full — walk-ins need a supervisor</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/counters.py" line="89" />
        <source>정원의 90%를 넘었습니다 — 잔여 %n석</source>
        <translation>
            <numerusform>Over 90% of capacity — %n seat left</numerusform>
            <numerusform>Over 90% of capacity — %n seats left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeliveryTable</name>
    <message>
        <location filename="../../kiosk/ui/invite_table.py" line="64" />
        <source>미발송</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_table.py" line="65" />
        <source>대기</source>
        <translation>Queued</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_table.py" line="66" />
        <source>발송됨</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_table.py" line="67" />
        <source>실패</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_table.py" line="73" />
        <source>제외</source>
        <translation>Skipped</translation>
    </message>
</context>
<context>
    <name>DeputyDialog</name>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="29" />
        <source>대리 참석</source>
        <translation>Deputy attendance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="32" />
        <source>{0} 대신 참석하는 분</source>
        <translation>Attending in place of {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="38" />
        <source>예: 홍길동</source>
        <translation>e.g. Hong Gil-dong</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="41" />
        <source>예: 제1차관</source>
        <translation>e.g. First Vice Minister</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="44" />
        <source>성명 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="45" />
        <source>직위 *</source>
        <translation>Title *</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="46" />
        <source>소속</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="56" />
        <source>대리 참석 체크인</source>
        <translation>Check in deputy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="57" />
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="76" />
        <source>이미 입장 처리된 분입니다 (본인 또는 다른 대리인).</source>
        <translation>Already checked in (in person or by another deputy).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="78" />
        <source>정원이 찼습니다. 현장 책임자의 승인이 필요합니다.</source>
        <translation>The room is full. The supervisor must approve entry.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/deputy_dialog.py" line="80" />
        <source>체크인할 수 없습니다: {0}</source>
        <translation>Cannot check in: {0}</translation>
    </message>
</context>
<context>
    <name>DeskPage</name>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="53" />
        <source>스캔</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="57" />
        <source>QR 코드를 스캔하거나 등록번호를 입력하고 Enter</source>
        <translation>Scan a QR code, or type a registration number and press Enter</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="73" />
        <source>최근 체크인 F4</source>
        <translation>Recent F4</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="73" />
        <source>이름 검색 F2</source>
        <translation>Name search F2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="73" />
        <source>현장등록 F3</source>
        <translation>Walk-in F3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="73" />
        <source>카메라 F8</source>
        <translation>Camera F8</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/desk_page.py" line="90" />
        <source>카메라가 꺼져 있습니다. 설정(F10)에서 카메라를 고르세요.</source>
        <translation>The camera is off. Choose a camera in Settings (F10).</translation>
    </message>
</context>
<context>
    <name>EventFileActions</name>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="83" />
        <source>새 행사 파일</source>
        <translation>New event file</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="93" />
        <source>행사 파일 (*.kiosk.db *.db);;모든 파일 (*)</source>
        <translation>Event files (*.kiosk.db *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="106" />
        <source>행사 열기</source>
        <translation>Open event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="146" />
        <source>다른 이름으로 복사는 책임자만 할 수 있습니다.</source>
        <translation>Only the supervisor can copy the event as a new one.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="155" />
        <location filename="../../kiosk/ui/event_files.py" line="161" />
        <source>다른 이름으로 복사</source>
        <translation>Copy as new event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="156" />
        <source>새 행사 이름 (프로그램과 명단을 옮기고, 체크인 기록은 새로 시작합니다)</source>
        <translation>Name of the new event (program and roster are kept; check-ins start afresh)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="173" />
        <source>행사 정보 편집은 책임자만 할 수 있습니다.</source>
        <translation>Only the supervisor can edit the event.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="217" />
        <source>정원 확인</source>
        <translation>Check the capacity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="217" />
        <source>{0}
그래도 바꾸시겠습니까?</source>
        <translation>{0}
Change it anyway?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_files.py" line="213" />
        <source>행사 정보를 고쳤습니다: {0}</source>
        <translation>Event updated: {0}</translation>
    </message>
</context>
<context>
    <name>EventWizard</name>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="341" />
        <source>행사 정보 편집</source>
        <translation>Edit event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="341" />
        <source>새 행사 만들기</source>
        <translation>New event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="343" />
        <source>다음 (Alt+N)</source>
        <translation>Next (Alt+N)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="344" />
        <source>이전 (Alt+B)</source>
        <translation>Back (Alt+B)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="346" />
        <source>마침</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="346" />
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="348" />
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="56" />
        <location filename="../../kiosk/ui/export_dialog.py" line="61" />
        <source>참석 보고서 내보내기</source>
        <translation>Export attendance report</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="67" />
        <source>형식</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="69" />
        <source>Excel (.xlsx) — 부처 제출용 전체 보고서</source>
        <translation>Excel (.xlsx) — full report for the ministry</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="70" />
        <source>CSV (.csv) — 참석자 명단</source>
        <translation>CSV (.csv) — attendee list</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="71" />
        <source>PDF (.pdf) — 요약 보고서와 차트</source>
        <translation>PDF (.pdf) — summary report with charts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="84" />
        <source>찾아보기…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="88" />
        <source>저장 폴더</source>
        <translation>Save to folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="90" />
        <source>파일 이름</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="94" />
        <source>연락처 일부 가리기 (010-****-5678, k***@example.com)</source>
        <translation>Mask contact details (010-****-5678, k***@example.com)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="102" />
        <source>형식과 폴더를 고른 뒤 [내보내기]를 누르세요.</source>
        <translation>Choose the formats and a folder, then press [Export].</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="109" />
        <source>폴더 열기</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="112" />
        <source>내보내기</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="115" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="135" />
        <source>저장 폴더 선택</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="157" />
        <source>내보낼 형식을 하나 이상 고르세요.</source>
        <translation>Choose at least one format to export.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="160" />
        <source>저장 폴더가 없습니다: {0}</source>
        <translation>The folder does not exist: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="185" />
        <source>덮어쓰기</source>
        <translation>Overwrite</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="186" />
        <source>이미 있는 파일을 덮어씁니다:
{0}</source>
        <translation>These files already exist and will be overwritten:
{0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="200" />
        <source>저장했습니다: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/export_dialog.py" line="215" />
        <source>내보내지 못했습니다: {0}</source>
        <translation>Export failed: {0}</translation>
    </message>
</context>
<context>
    <name>FaultDialog</name>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="164" />
        <source>선택한 백업으로 복원</source>
        <translation>Restore the selected backup</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="166" />
        <source>백업 (최근 것이 위)</source>
        <translation>Backups (newest first)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="178" />
        <source>복원할 백업이 없습니다.</source>
        <translation>There is no backup to restore.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="181" />
        <source>진단 정보 복사</source>
        <translation>Copy diagnostics</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="183" />
        <source>종료</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="183" />
        <source>계속</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="196" />
        <source>복사했습니다</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <location filename="../../kiosk/ui/file_dialogs.py" line="43" />
        <source>폴더</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/file_dialogs.py" line="44" />
        <source>파일</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>FrameSource</name>
    <message>
        <location filename="../../kiosk/scan/sources.py" line="40" />
        <source>테스트 영상</source>
        <translation>Test video</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="58" />
        <source>명단 가져오기</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="64" />
        <source>Excel(.xlsx) 또는 CSV 파일 (UTF-8 · CP949)</source>
        <translation>Excel (.xlsx) or CSV file (UTF-8 · CP949)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="66" />
        <source>파일 선택…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="73" />
        <source>가져올 명단 파일을 선택하세요. 첫 줄(머리글)에 '성명' 또는 '이름' 열이 있어야 합니다.</source>
        <translation>Choose the roster file to import. Its first (header) row needs a '성명' or '이름' (name) column.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="81" />
        <source>열 지정 보기</source>
        <translation>Show column mapping</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="91" />
        <source>파일의 머리글</source>
        <translation>Header in file</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="91" />
        <source>가져올 항목</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="91" />
        <source>첫 값</source>
        <translation>First value</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="109" />
        <location filename="../../kiosk/ui/import_dialog.py" line="331" />
        <source>줄</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="109" />
        <source>거부 사유</source>
        <translation>Reason refused</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="112" />
        <source>성명</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="112" />
        <source>소속</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="117" />
        <source>미리 보기</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="118" />
        <source>거부된 행</source>
        <translation>Refused rows</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="119" />
        <source>파일에 없는 기존 참석자</source>
        <translation>Existing participants not in the file</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="135" />
        <source>가져오기</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="139" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="166" />
        <source>{0}행 읽음</source>
        <translation>{0} rows read</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="173" />
        <source>예기치 못한 오류로 가져오지 못했습니다: {0}: {1}</source>
        <translation>Could not import because of an unexpected error: {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="179" />
        <source>읽는 중…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="197" />
        <source>명단 파일 선택</source>
        <translation>Choose roster file</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="198" />
        <source>명단 (*.xlsx *.csv *.txt);;모든 파일 (*)</source>
        <translation>Roster (*.xlsx *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="216" />
        <source>Excel · 시트 '{0}'</source>
        <translation>Excel · sheet '{0}'</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="220" />
        <source>{0} ({1}) · 머리글 {2}번째 줄 · 명단 {3}행</source>
        <translation>{0} ({1}) · header on row {2} · {3} roster rows</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="235" />
        <source>(빈 머리글 {0})</source>
        <translation>(empty header {0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="238" />
        <source>(가져오지 않음)</source>
        <translation>(not imported)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="247" />
        <source>'성명' 열을 찾지 못했습니다. 아래에서 이름이 있는 열을 '성명'으로 지정하세요.</source>
        <translation>No name ('성명') column was found. Below, map the column holding names to 'Name'.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="249" />
        <source>알아보지 못한 머리글: {0} — 필요하면 가져올 항목을 지정하세요.</source>
        <translation>Headers not recognised: {0} — map them below if needed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="286" />
        <source>'성명' 열을 지정하세요: 이름이 있는 열의 '가져올 항목'을 '성명'으로 바꾸면 됩니다.</source>
        <translation>Map the name column: set 'Import as' of the column holding names to 'Name'.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="291" />
        <source>열 지정을 확인했습니다. 아래 미리 보기를 확인하세요.</source>
        <translation>Column mapping checked. Review the preview below.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="300" />
        <source>가져오면</source>
        <translation>Importing will give</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="300" />
        <source>가져왔습니다</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="302" />
        <source>{0}: 새로 추가 {1}명 · 변경 {2}명 · 그대로 {3}명 · 거부 {4}행 · 파일에 없는 기존 참석자 {5}명</source>
        <translation>{0}: {1} added · {2} changed · {3} unchanged · {4} rows refused · {5} existing participants not in the file</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="310" />
        <source>(참고) {0}</source>
        <translation>(note) {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="318" />
        <source>거부된 행 ({0})</source>
        <translation>Refused rows ({0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="320" />
        <source>파일에 없는 기존 참석자 ({0})</source>
        <translation>Existing participants not in the file ({0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="324" />
        <source> — 가져올 새 내용이 없습니다</source>
        <translation> — nothing new to import</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/import_dialog.py" line="360" />
        <source>완료</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>InvitationsPage</name>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="267" />
        <source>3. 초대장</source>
        <translation>3. Invitations</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="267" />
        <source>초대 메일을 보내는 사람과 회신 주소, 개인정보 안내 문구</source>
        <translation>Who the invitations come from, where replies go, and the privacy line</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="271" />
        <source>예: 포럼 사무국</source>
        <translation>e.g. Forum secretariat</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="275" />
        <source>비우면 보내는 사람 주소로 회신</source>
        <translation>Empty: replies go to the sender's address</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="278" />
        <source>예: 개인정보는 행사 운영에만 쓰고 행사 후 30일 안에 파기합니다.</source>
        <translation>e.g. Personal data is used only to run the event and deleted within 30 days after it.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="280" />
        <source>보내는 사람 이름</source>
        <translation>Sender name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="281" />
        <source>보내는 사람 이메일</source>
        <translation>Sender e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="282" />
        <source>회신 주소</source>
        <translation>Reply-to</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="283" />
        <source>개인정보 안내</source>
        <translation>Privacy line</translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="66" />
        <source>초청 메일 보내기</source>
        <translation>Send invitation e-mails</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="79" />
        <location filename="../../kiosk/ui/invite_dialog.py" line="131" />
        <source>보내기</source>
        <translation>Send</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="82" />
        <source>메일 문구</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="89" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="106" />
        <source>보내는 방법</source>
        <translation>How to send</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="108" />
        <source>폴더에 .eml 파일로 저장 (검토·시연용, 실제로 보내지 않음)</source>
        <translation>Save as .eml files in a folder (for review or demos; nothing is sent)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="109" />
        <source>메일 서버(SMTP)로 발송</source>
        <translation>Send through a mail server (SMTP)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="117" />
        <source>찾아보기…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="119" />
        <source>폴더</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="154" />
        <location filename="../../kiosk/ui/invite_dialog.py" line="212" />
        <source>선택한 사람에게 보내기</source>
        <translation>Send to the selected person</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="306" />
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="308" />
        <source>보낼 수 없습니다: {0}</source>
        <translation>Cannot send: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="313" />
        <source> 외 {0}명</source>
        <translation> and {0} more</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="127" />
        <source>아직 보내지 않은 사람에게만 (중단된 발송 이어서)</source>
        <translation>Only to people not yet sent to (resume an interrupted run)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="135" />
        <source>중지</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="170" />
        <source>메일 설정을 읽지 못했습니다: {0}</source>
        <translation>Could not read the mail settings: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="188" />
        <source>초청 {0}명 · 발송됨 {1} · 실패 {2} · 대기 {3} · 미발송 {4} · 제외 {5}</source>
        <translation>{0} invited · {1} sent · {2} failed · {3} queued · {4} not sent · {5} skipped</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="212" />
        <source>선택한 {0}명에게 보내기</source>
        <translation>Send to the {0} selected people</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="229" />
        <source>.eml 파일을 저장할 폴더</source>
        <translation>Folder for the .eml files</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="239" />
        <source>저장할 폴더를 정하세요.</source>
        <translation>Choose a folder to save to.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="283" />
        <source>보내는 중… ({0})</source>
        <translation>Sending… ({0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="316" />
        <source>다시 보내기</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="317" />
        <source>{0} 님은 이미 메일을 받았습니다. 다시 보낼까요?</source>
        <translation>{0} has already received the e-mail. Send it again?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="323" />
        <source>제외: {0}</source>
        <translation>Left out: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="329" />
        <source>중지하는 중… 지금 보내는 메일까지 마칩니다.</source>
        <translation>Stopping… the e-mail being sent now will be finished.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="336" />
        <source>{0}/{1} — {2}</source>
        <translation>{0}/{1} — {2}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="343" />
        <location filename="../../kiosk/ui/invite_dialog.py" line="347" />
        <source>파일 작성</source>
        <translation>Files written</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="343" />
        <source>발송 완료</source>
        <translation>Sending finished</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="347" />
        <source>발송</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="348" />
        <source>{0} {1}건 · 실패 {2}건 · 제외 {3}명</source>
        <translation>{0}: {1} · failed {2} · skipped {3}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="352" />
        <source> · 이미 발송 {0}명</source>
        <translation> · {0} already sent</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="355" />
        <source>중단: {0} — '아직 보내지 않은 사람에게만'을 켠 채 보내기를 다시 누르면 남은 사람에게만 보냅니다.</source>
        <translation>Interrupted: {0} — press Send again with 'Only to people not yet sent to' on to reach only the rest.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="358" />
        <source>중지했습니다. 남은 {0}명은 다음에 이어서 보낼 수 있습니다.</source>
        <translation>Stopped. The remaining {0} can be sent to later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_dialog.py" line="301" />
        <location filename="../../kiosk/ui/invite_dialog.py" line="367" />
        <source>보내지 못했습니다: {0}</source>
        <translation>Could not send: {0}</translation>
    </message>
</context>
<context>
    <name>InviteTemplateEditor</name>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="44" />
        <source>제목</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="46" />
        <source>본문 (빈 줄로 문단을 나눕니다)</source>
        <translation>Body (blank lines separate paragraphs)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="49" />
        <source>넣을 수 있는 항목: {0}</source>
        <translation>Fields you can use: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="54" />
        <source>문구 저장</source>
        <translation>Save message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="56" />
        <source>기본 문구로</source>
        <translation>Back to the default message</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="58" />
        <source>미리 보기</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="83" />
        <source>저장했습니다. 모르는 항목이 있습니다: {0}</source>
        <translation>Saved. Unknown fields: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="85" />
        <source>메일 문구를 저장했습니다.</source>
        <translation>Message saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="104" />
        <source>미리 보기를 만들지 못했습니다: {0}</source>
        <translation>Could not make the preview: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/invite_template.py" line="108" />
        <source>메일을 받을 참석자가 없습니다.</source>
        <translation>There is nobody to e-mail.</translation>
    </message>
</context>
<context>
    <name>KioskScreen</name>
    <message>
        <location filename="../../kiosk/ui/kiosk_mode.py" line="76" />
        <source>함께 오신 분이 있으면 인원을 눌러 주세요 (본인 제외)</source>
        <translation>If anyone came with you, tap how many (not counting yourself)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="179" />
        <source>체크인 키오스크</source>
        <translation>Check-in kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="240" />
        <source>체크인 데스크 (Ctrl+1)</source>
        <translation>Check-in desk (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="242" />
        <source>명단 (Ctrl+2)</source>
        <translation>Roster (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="247" />
        <source>VIP · 발표자 (Ctrl+3)</source>
        <translation>VIPs · speakers (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="252" />
        <source>의전 (Ctrl+4)</source>
        <translation>Protocol (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="282" />
        <location filename="../../kiosk/ui/main_window.py" line="465" />
        <source>공유 서버</source>
        <translation>shared server</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="289" />
        <source>체크인 키오스크 — 행사 없음 ({0})</source>
        <translation>Check-in kiosk — no event ({0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="299" />
        <source>행사가 열려 있지 않아 스캔을 처리하지 않았습니다 — 먼저 행사를 만들거나 여세요</source>
        <translation>No event is open, so the scan was not processed — create or open an event first</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="327" />
        <source>스캔 처리됨: {0}
(이 창에는 입력되지 않았습니다)</source>
        <translation>Scan handled: {0}
(nothing was typed into this window)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="332" />
        <source>스캔이 끊겼습니다 — 다시 스캔하세요</source>
        <translation>The scan was cut off — please scan again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="335" />
        <source>코드 일부만 읽혀 체크인하지 않았습니다.</source>
        <translation>Only part of the code was read, so nobody was checked in.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="342" />
        <source>F2 이름 검색 · F3 현장등록 · Ctrl+Z 체크인 취소 · F12 정원 초과 승인 · F6 퇴장 모드 · Ctrl+K VIP 확인 · F9 책임자 · F4 최근 · Ctrl+P 배지 · Esc 지우기 · F10 설정 · F11 키오스크 · F5 새로고침</source>
        <translation>F2 name search · F3 walk-in · Ctrl+Z undo check-in · F12 over-capacity approval · F6 check-out mode · Ctrl+K VIP seen · F9 supervisor · F4 recent · Ctrl+P badge · Esc clear · F10 settings · F11 kiosk · F5 refresh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="347" />
        <location filename="../../kiosk/ui/main_window.py" line="359" />
        <location filename="../../kiosk/ui/main_window.py" line="848" />
        <source>체크인 PC: {0}</source>
        <translation>Station: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="424" />
        <source>행사가 없습니다</source>
        <translation>No event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="425" />
        <source>새 행사를 만들거나 행사 파일을 여세요.</source>
        <translation>Create a new event or open an event file.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="465" />
        <source>{0} — {1} — 체크인 키오스크</source>
        <translation>{0} — {1} — Check-in kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="550" />
        <source>퇴장 모드: 나가는 분의 QR 코드를 스캔하세요</source>
        <translation>Check-out mode: scan the QR code of the guest leaving</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="551" />
        <source>F6 을 다시 누르면 입장 모드로 돌아갑니다</source>
        <translation>Press F6 again to go back to check-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="557" />
        <source>퇴장 모드 (F6)</source>
        <translation>Check-out mode (F6)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="593" />
        <source>저장하지 못했습니다 — 다시 스캔하세요</source>
        <translation>Not saved — please scan again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="595" />
        <source>안내 데스크로 와 주세요. 도와드리겠습니다.</source>
        <translation>Please come to the front desk. We will help you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="600" />
        <source>데이터베이스에 쓸 수 없어 체크인이 기록되지 않았습니다. 잠시 뒤 다시 시도하고, 계속되면 책임자에게 알리세요.</source>
        <translation>The database cannot be written, so the check-in was not recorded. Try again in a moment; if it keeps failing, tell the supervisor.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="612" />
        <source>서버와 연결이 끊겨 지금은 할 수 없습니다</source>
        <translation>Not possible while the shared server is away</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="613" />
        <source>연결이 돌아오면 다시 하세요. 체크인은 이 PC에 계속 저장됩니다.</source>
        <translation>Try again when the connection is back. Check-ins are still kept on this PC.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="619" />
        <source>저장하지 못했습니다</source>
        <translation>Could not be saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="620" />
        <source>데이터베이스에 쓸 수 없어 기록되지 않았습니다. 잠시 뒤 다시 시도하세요.</source>
        <translation>The database could not be written, so nothing was recorded. Try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="635" />
        <source>체크인을 멈췄습니다</source>
        <translation>Check-in stopped</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="636" />
        <source>데이터베이스 파일이 바뀌거나 사라져 기록하지 않았습니다. 책임자에게 알리세요.</source>
        <translation>The database file was replaced or removed, so nothing was recorded. Tell the supervisor.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="700" />
        <source>좌석이 모자라 수행원 {0}명을 더할 수 없습니다</source>
        <translation>Not enough seats to add {0} companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="707" />
        <source>정원 초과로 입장하지 못한 분의 결과가 보일 때 승인할 수 있습니다</source>
        <translation>Approval is possible while a guest refused because the room is full is shown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="714" />
        <source>정원 초과 입장</source>
        <translation>Entry over capacity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="715" />
        <source>{0} 님을 정원을 넘어 입장시킵니다. 사유를 입력하세요 (기록됩니다).</source>
        <translation>{0} will be let in over capacity. Enter a reason (it is recorded).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="716" />
        <source>입장 승인 (Enter)</source>
        <translation>Let in (Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="717" />
        <source>취소 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="722" />
        <source>사유가 없어 승인하지 않았습니다</source>
        <translation>No reason given: not approved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="732" />
        <source>정원 초과 입장은 책임자 승인이 필요합니다.</source>
        <translation>Entry over capacity needs a supervisor's approval.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="744" />
        <source>체크인을 취소했습니다: {0}</source>
        <translation>Check-in undone: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="744" />
        <source>취소 사유와 함께 기록되었습니다.</source>
        <translation>Recorded with the reason.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="765" />
        <source>현장등록</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="756" />
        <source>작성 중인 현장등록을 지울까요?</source>
        <translation>Discard the walk-in being typed?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="756" />
        <source>지우기</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="767" />
        <source>계속 작성 (Esc)</source>
        <translation>Keep writing (Esc)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="813" />
        <source>먼저 체크인하거나 검색한 분이 있어야 배지를 출력합니다</source>
        <translation>Check someone in or find them first, then print their badge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="818" />
        <source>배지를 출력했습니다: {0}</source>
        <translation>Badge printed: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="827" />
        <source>이미 배지를 출력했습니다</source>
        <translation>A badge was already printed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="828" />
        <source>{0} · {1} ({2}번째 출력)</source>
        <translation>{0} · {1} (printed {2} times)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="829" />
        <source>다시 출력하려면 책임자가 Ctrl+Shift+P (사유: 분실·오타 등)</source>
        <translation>To print another, a supervisor presses Ctrl+Shift+P (reason: lost, typo…)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="836" />
        <source>책임자</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="836" />
        <source>안내요원</source>
        <translation>Steward</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="896" />
        <source>키오스크 모드를 쓰려면 책임자 PIN이 필요합니다</source>
        <translation>Kiosk mode needs a supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="897" />
        <source>설정(F10)에서 책임자 PIN을 먼저 정하세요. PIN이 있어야 키오스크 화면에서 나올 수 있습니다.</source>
        <translation>Set a supervisor PIN in Settings (F10) first: the PIN is what lets you leave the kiosk screen.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="942" />
        <source>키오스크 모드에서 나가려면 책임자 PIN을 입력하세요.</source>
        <translation>Enter the supervisor PIN to leave kiosk mode.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="986" />
        <source>작성 중인 현장등록이 있습니다. 지우고 프로그램을 닫을까요?</source>
        <translation>A walk-in registration is half typed. Discard it and close the program?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/main_window.py" line="987" />
        <source>지우고 닫기</source>
        <translation>Discard and close</translation>
    </message>
</context>
<context>
    <name>ManualCheckIn</name>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="51" />
        <source>이름 검색 체크인</source>
        <translation>Check in by name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="56" />
        <source>이름, 소속, 초성(ㄱㅎㅁ) 또는 전화번호 끝 4자리 — 2글자 이상</source>
        <translation>Name, organization, initials (ㄱㅎㅁ) or last 4 phone digits — 2 characters or more</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="62" />
        <location filename="../../kiosk/ui/manual_checkin.py" line="144" />
        <source>2글자 이상 입력하면 결과가 나옵니다 · ↑↓ 선택 · Enter 확인</source>
        <translation>Results appear from 2 characters · ↑↓ choose · Enter confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="80" />
        <source>함께 온 수행원</source>
        <translation>Companions with this guest</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="83" />
        <source> 명</source>
        <translation> people</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="88" />
        <source>이 분으로 체크인 (Enter)</source>
        <translation>Check in this person (Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="91" />
        <source>다시 찾기 (Esc)</source>
        <translation>Search again (Esc)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="95" />
        <source>이 분이 맞습니까?</source>
        <translation>Is this the right person?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="147" />
        <source>명단을 불러오는 중…</source>
        <translation>Loading the roster…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="157" />
        <source>{0}명 찾음 · ↑↓ 선택 · Enter 확인</source>
        <translation>{0} found · ↑↓ choose · Enter confirm</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="159" />
        <source>찾는 분이 없습니다. 명단에 없으면 현장등록(F3)을 하세요.</source>
        <translation>Nobody found. If they are not on the roster, register a walk-in (F3).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="163" />
        <source>입장함</source>
        <translation>checked in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="164" />
        <source>등록 취소</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/manual_checkin.py" line="165" />
        <source>현장등록</source>
        <translation>walk-in</translation>
    </message>
</context>
<context>
    <name>ParticipantDialog</name>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="38" />
        <source>참석자 수정</source>
        <translation>Edit participant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="38" />
        <source>참석자 추가</source>
        <translation>Add participant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="50" />
        <source>예: 김현미</source>
        <translation>e.g. 김현미</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="51" />
        <source>예: 국토교통부</source>
        <translation>e.g. 국토교통부</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="52" />
        <source>예: 장관</source>
        <translation>e.g. 장관</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="56" />
        <source>예: 세종</source>
        <translation>e.g. 세종</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="59" />
        <source>기관에서 받은 등록번호 (선택)</source>
        <translation>Registration number from the organiser (optional)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="62" />
        <source>명</source>
        <translation>people</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="63" />
        <source>VIP (의전 대상)</source>
        <translation>VIP (protocol guest)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="64" />
        <source>발표자</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="67" />
        <source>없음</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="71" />
        <source>성명 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="72" />
        <source>소속</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="73" />
        <source>직위</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="74" />
        <source>구분</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="75" />
        <source>지역</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="76" />
        <source>휴대전화</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="77" />
        <source>이메일</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="78" />
        <source>등록번호</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="79" />
        <source>동반인원</source>
        <translation>Companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="82" />
        <source>의전순위</source>
        <translation>Precedence</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="83" />
        <source>비고</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="96" />
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/participant_dialog.py" line="97" />
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="34" />
        <source>책임자 PIN</source>
        <translation>Supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="38" />
        <source>책임자 PIN을 새로 정하세요</source>
        <translation>Choose a new supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="38" />
        <source>책임자 PIN을 입력하세요</source>
        <translation>Enter the supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="47" />
        <source>아직 책임자 PIN이 없습니다. 지금 PIN을 정하는 사람이 이 행사의 책임자가 됩니다 — 책임자가 직접 정하세요.</source>
        <translation>No supervisor PIN yet. Whoever sets the PIN now becomes this event's supervisor — the supervisor should set it personally.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="58" />
        <source>숫자 6~12자리</source>
        <translation>6–12 digits</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="64" />
        <source>한 번 더 입력</source>
        <translation>Enter it again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="72" />
        <source>확인 (Enter)</source>
        <translation>OK (Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="73" />
        <source>닫기 (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="85" />
        <source>확인하는 중…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="97" />
        <source>두 PIN이 다릅니다</source>
        <translation>The two PINs differ</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="105" />
        <source>PIN은 숫자 6~12자리입니다</source>
        <translation>The PIN is 6–12 digits</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="102" />
        <source>PIN이 너무 쉽습니다: 같은 숫자만이나 이어지는 숫자(123456)는 쓸 수 없습니다</source>
        <translation>This PIN is too easy to guess: one digit repeated or a straight run (123456) is not allowed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="126" />
        <source>PIN을 여러 번 틀려 잠겼습니다. {0}초 뒤에 다시 시도하세요.</source>
        <translation>Too many wrong PINs: locked. Try again in {0} seconds.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="129" />
        <source>아직 책임자 PIN이 없습니다. 설정에서 정하세요.</source>
        <translation>No supervisor PIN has been set yet. Set one in Settings.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/pin_dialog.py" line="132" />
        <source>PIN이 틀렸습니다 (남은 시도 {0}번)</source>
        <translation>Wrong PIN ({0} attempts left)</translation>
    </message>
</context>
<context>
    <name>PrecedenceDialog</name>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="43" />
        <source>기본 서열표</source>
        <translation>Default order table</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="47" />
        <source>위에 있을수록 높은 서열입니다. 직위는 끝말로 맞춥니다 (예: 장관, 국회의원).</source>
        <translation>Higher rows rank higher. Titles match by their ending (e.g. 장관, 국회의원).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="51" />
        <source>예: 부산 — 이 도시의 시장이 지역 국회의원보다 앞섭니다</source>
        <translation>e.g. 부산 — this city's mayor comes before the local lawmakers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="52" />
        <source>개최 도시</source>
        <translation>Host city</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="56" />
        <source>단계</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="56" />
        <source>직위 (쉼표로)</source>
        <translation>Titles (comma-separated)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="56" />
        <source>구분 코드 (쉼표로)</source>
        <translation>Category codes (comma-separated)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="56" />
        <source>제외할 직위</source>
        <translation>Titles excluded</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="63" />
        <source>위로 (Alt+↑)</source>
        <translation>Up (Alt+↑)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="64" />
        <source>아래로 (Alt+↓)</source>
        <translation>Down (Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="65" />
        <source>줄 추가</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="66" />
        <source>줄 삭제</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="67" />
        <source>기본값으로</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="80" />
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="80" />
        <source>저장하고 순위 다시 매기기</source>
        <translation>Save and re-rank</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="84" />
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="134" />
        <source>{0}번째 줄에 단계 이름이 없습니다</source>
        <translation>Row {0} has no tier name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/precedence_dialog.py" line="137" />
        <source>서열표가 비어 있습니다</source>
        <translation>The order table is empty</translation>
    </message>
</context>
<context>
    <name>ProgramPage</name>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="171" />
        <source>2. 프로그램</source>
        <translation>2. Program</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="173" />
        <source>세션마다 시작·끝 시각(HH:MM), 제목, 발표자 — 발표자는 쉼표로: 박정민(충남대학교), 정하늘</source>
        <translation>Each session: start and end (HH:MM), title, presenters — separated by commas: Park Jeong-min(Chungnam Univ.), Jeong Ha-neul</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="180" />
        <source>시작</source>
        <translation>Starts</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="180" />
        <source>끝</source>
        <translation>Ends</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="180" />
        <source>제목</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="180" />
        <source>발표자</source>
        <translation>Presenters</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="193" />
        <source>세션 추가 (Ctrl+N)</source>
        <translation>Add session (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="194" />
        <source>위로 (Ctrl+↑)</source>
        <translation>Up (Ctrl+↑)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="195" />
        <source>아래로 (Ctrl+↓)</source>
        <translation>Down (Ctrl+↓)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="196" />
        <source>삭제 (Ctrl+Delete)</source>
        <translation>Delete (Ctrl+Delete)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="249" />
        <source>{0}번째 세션: 시각은 HH:MM 으로 적으세요 ({1!r})</source>
        <translation>Session {0}: write times as HH:MM ({1!r})</translation>
    </message>
</context>
<context>
    <name>ProtocolBoard</name>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="35" />
        <source>VIP 도착</source>
        <translation>VIP arrivals</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="40" />
        <source>시각</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="40" />
        <source>이름</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="40" />
        <source>직위 · 소속</source>
        <translation>Title · organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="40" />
        <source>구분</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="40" />
        <source>수행원</source>
        <translation>Companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="52" />
        <source>발표자</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="57" />
        <source>세션 · 발표자</source>
        <translation>Session · speaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="57" />
        <source>소속</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="57" />
        <source>도착</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="68" />
        <source>VIP 도착 ({0}명)</source>
        <translation>VIP arrivals ({0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="80" />
        <source>발표자 (도착 {0}/{1})</source>
        <translation>Speakers ({0}/{1} arrived)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="90" />
        <source>도착 {0}</source>
        <translation>arrived {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="90" />
        <source>미도착</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/speakers_board.py" line="92" />
        <source>명단에 없음</source>
        <translation>not on roster</translation>
    </message>
</context>
<context>
    <name>ProtocolBoardWindow</name>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="43" />
        <source>의전 현황판</source>
        <translation>Protocol board</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="66" />
        <source>순위</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="66" />
        <source>상태</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="66" />
        <location filename="../../kiosk/ui/protocol_board_window.py" line="130" />
        <source>도착</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="66" />
        <source>성명 · 직위</source>
        <translation>Name · title</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="66" />
        <source>소속</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="109" />
        <source>의전 현황판 · {0} · {1}</source>
        <translation>Protocol board · {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="112" />
        <source>도착 {0}명 (대리 {1}) · 미도착 {2}명 · 퇴장 {3}명</source>
        <translation>Arrived {0} (deputies {1}) · expected {2} · left {3}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="130" />
        <source>대리 도착</source>
        <translation>Deputy arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_board_window.py" line="133" />
        <source>최고 귀빈 도착</source>
        <translation>Highest-ranking guest arrived</translation>
    </message>
</context>
<context>
    <name>ProtocolDesk</name>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="130" />
        <source>의전 순위 — 끌어서 놓거나 Alt+↑/↓ 로 순서를 바꿉니다</source>
        <translation>Order of precedence — drag and drop or Alt+↑/↓ to reorder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="156" />
        <source>대리 참석 체크인… (Ctrl+D)</source>
        <translation>Check in a deputy… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="157" />
        <source>위로 (Alt+↑)</source>
        <translation>Up (Alt+↑)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="158" />
        <source>아래로 (Alt+↓)</source>
        <translation>Down (Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="159" />
        <source>소개 문구…</source>
        <translation>Introduction wording…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="160" />
        <source>서열표… (책임자)</source>
        <translation>Order table… (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="164" />
        <source>내빈 소개 카드 (Ctrl+F7)</source>
        <translation>MC's introduction card (Ctrl+F7)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="166" />
        <source>줄마다 좌석 수 (예: 10,10)</source>
        <translation>Seats per row (e.g. 10,10)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="168" />
        <source>좌석 줄 적용</source>
        <translation>Apply rows</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="169" />
        <source>좌석 지정…</source>
        <translation>Assign seat…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="170" />
        <source>좌석 배치도 PDF</source>
        <translation>Seating plan PDF</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="171" />
        <source>명패 PDF</source>
        <translation>Name plates PDF</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="172" />
        <source>의전 현황판 (F7)</source>
        <translation>Protocol board (F7)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="210" />
        <source>도착 {0} · 대리 도착 {1} · 미도착 {2} · 퇴장 {3}</source>
        <translation>Arrived {0} · deputy arrived {1} · expected {2} · left {3}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="218" />
        <source>의전 순위가 매겨진 분이 없습니다. 명단의 의전순위 열을 가져오거나 기본 서열표를 적용하세요.</source>
        <translation>Nobody has a precedence rank yet. Import a roster with a precedence column or apply the default order.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="246" />
        <source>순서를 저장했습니다.</source>
        <translation>Order saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="258" />
        <location filename="../../kiosk/ui/protocol_tab.py" line="266" />
        <location filename="../../kiosk/ui/protocol_tab.py" line="378" />
        <source>먼저 목록에서 한 분을 고르세요.</source>
        <translation>Select a guest in the list first.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="268" />
        <source>소개 문구</source>
        <translation>Introduction wording</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="268" />
        <source>사회자가 읽을 문구 (비우면 기본 문구):</source>
        <translation>What the MC reads (empty for the default wording):</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="285" />
        <source>기본 서열표로 {0}명의 순위를 매겼습니다.</source>
        <translation>Ranked {0} guests by the default order.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="287" />
        <source>서열표를 저장했습니다.</source>
        <translation>Order table saved.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="300" />
        <source>서열표는 책임자만 바꿀 수 있습니다.</source>
        <translation>Only the supervisor can change the order table.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="307" />
        <source>대리인을 보낸 분을 목록에서 먼저 고르세요.</source>
        <translation>First select the guest who sent a deputy.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="335" />
        <location filename="../../kiosk/ui/protocol_tab.py" line="391" />
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="344" />
        <source>내빈 소개 카드 ({0}명)</source>
        <translation>MC's introduction card ({0} guests)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="350" />
        <source>명패</source>
        <translation>Name plates</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="350" />
        <source>좌석 배치도</source>
        <translation>Seating plan</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="371" />
        <source>좌석 줄을 저장했습니다: {0}</source>
        <translation>Rows saved: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="381" />
        <source>자동 배정</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="384" />
        <source>좌석 지정</source>
        <translation>Assign seat</translation>
    </message>
</context>
<context>
    <name>RecentCheckIns</name>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="52" />
        <source>시각</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="52" />
        <source>이름</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="52" />
        <source>소속</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="52" />
        <source>PC</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="63" />
        <source>선택한 체크인 취소 (Ctrl+Z)</source>
        <translation>Undo selected check-in (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="76" />
        <source>취소 사유 (필수) — 예: 동명이인을 잘못 체크인</source>
        <translation>Reason (required) — e.g. checked in the wrong person with the same name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="81" />
        <source>체크인 취소 확정 (Enter)</source>
        <translation>Confirm undo (Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="84" />
        <source>그만두기 (Esc)</source>
        <translation>Never mind (Esc)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="123" />
        <source> (퇴장)</source>
        <translation> (left)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="159" />
        <source>{0} ({1}) 님의 {2} 체크인을 취소합니다. 사유를 입력하세요.</source>
        <translation>Undoing the {2} check-in of {0} ({1}). Enter the reason.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="169" />
        <source>체크인 취소는 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can undo a check-in.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/recent_checkins.py" line="177" />
        <source>취소 사유를 입력하세요</source>
        <translation>Enter the reason</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="40" />
        <source>서버와 연결이 끊겨 명단을 고칠 수 없습니다. 연결이 돌아오면 다시 하세요 — 입장 처리는 계속됩니다.</source>
        <translation>The shared server is unreachable, so the roster cannot be changed now. Try again once the connection is back — check-ins go on.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="44" />
        <source>서버와 연결이 끊겨 행사 정보를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 입장 처리는 계속됩니다.</source>
        <translation>The shared server is unreachable, so the event details cannot be changed now. Try again once the connection is back — check-ins go on.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="48" />
        <source>서버와 연결이 끊겨 정원·PIN을 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 정원과 PIN을 그대로 두면 이 컴퓨터의 설정(이름·카메라·소리·언어)은 지금 저장됩니다.</source>
        <translation>The shared server is unreachable, so capacity and PIN cannot be changed now. Try again once the connection is back — leave them unchanged to save this laptop's own settings (name, camera, sound, language) now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="53" />
        <source>서버와 연결이 끊겨 책임자 PIN을 바꿀 수 없습니다. 모든 입장 데스크가 같은 PIN을 써야 하니 연결이 돌아오면 다시 하세요.</source>
        <translation>The shared server is unreachable, so the supervisor PIN cannot be changed. Every desk must use the same PIN: change it once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="58" />
        <source>서버와 연결이 끊겨 의전 순위·서열표·소개 문구를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 도착 현황은 계속 보입니다.</source>
        <translation>The shared server is unreachable, so protocol order, the order table and introductions cannot be changed. Try again once the connection is back — arrivals still show.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="63" />
        <source>서버와 연결이 끊겨 좌석 배치를 바꿀 수 없습니다. 연결이 돌아오면 다시 하세요 — 지금 배치로 인쇄는 됩니다.</source>
        <translation>The shared server is unreachable, so the seating plan cannot be changed. Try again once the connection is back — the current plan still prints.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/records_tasks.py" line="68" />
        <source>서버와 연결이 끊겨 명찰 인쇄를 기록할 수 없어 인쇄하지 않았습니다. 연결이 돌아오면 다시 하세요.</source>
        <translation>The shared server is unreachable, so the badge print could not be logged and nothing was printed. Try again once the connection is back.</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="42" />
        <source>성명</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="43" />
        <source>소속</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="44" />
        <source>직위</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="45" />
        <source>구분</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="46" />
        <source>지역</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="47" />
        <source>휴대전화</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="48" />
        <source>이메일</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="49" />
        <source>등록번호</source>
        <translation>Registration no.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="50" />
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="51" />
        <source>상태</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="145" />
        <source>이름 · 초성(ㄱㅎㅁ) · 소속 · 전화 끝 4자리 · 이메일 · 등록번호</source>
        <translation>Name · initials (ㄱㅎㅁ) · organization · last 4 phone digits · e-mail · registration no.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="149" />
        <source>모든 구분</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="153" />
        <source>모든 상태</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="164" />
        <source>참석자 추가</source>
        <translation>Add participant</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="165" />
        <source>수정</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="166" />
        <location filename="../../kiosk/ui/roster_view.py" line="300" />
        <location filename="../../kiosk/ui/roster_view.py" line="372" />
        <source>초청 취소</source>
        <translation>Cancel invitation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="167" />
        <source>명단 가져오기…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="260" />
        <source>전체 {0}명 · 표시 {1}명</source>
        <translation>{0} in total · {1} shown</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="300" />
        <location filename="../../kiosk/ui/roster_view.py" line="372" />
        <source>초청 복원</source>
        <translation>Restore invitation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="344" />
        <source>명단 수정은 책임자만 할 수 있습니다 — F9 책임자 모드</source>
        <translation>Only a supervisor can edit the roster — F9 supervisor mode</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="368" />
        <source>{0} ({1})의 초청을 취소할까요?
취소된 QR 코드는 입구에서 거부됩니다.</source>
        <translation>Cancel the invitation of {0} ({1})?
A cancelled QR code is refused at the door.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="370" />
        <source>{0} ({1})의 초청을 복원할까요?</source>
        <translation>Restore the invitation of {0} ({1})?</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="374" />
        <source>예</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/roster_view.py" line="375" />
        <source>아니요</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ScanLineEdit</name>
    <message>
        <location filename="../../kiosk/ui/wedge.py" line="88" />
        <source>QR 코드를 스캔하거나 코드를 입력하고 Enter</source>
        <translation>Scan a QR code, or type the code and press Enter</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="128" />
        <source>설정</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="130" />
        <source>설정 (책임자)</source>
        <translation>Settings (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="136" />
        <source>이 PC 이름</source>
        <translation>Station name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="138" />
        <source>카메라 끔 (스캐너만)</source>
        <translation>Camera off (scanner only)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="143" />
        <source>카메라</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="147" />
        <source> (기본)</source>
        <translation> (default)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="151" />
        <source>QR 디코더</source>
        <translation>QR decoder</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="152" />
        <source>결과마다 소리 내기</source>
        <translation>Play a sound for each result</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="154" />
        <source>소리</source>
        <translation>Sounds</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="158" />
        <source> 분</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="159" />
        <source>책임자 모드 자동 종료</source>
        <translation>Supervisor mode ends after</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="164" />
        <source>언어 / Language</source>
        <translation>Language / 언어</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="168" />
        <source>정원 (모든 PC 공통)</source>
        <translation>Capacity (all stations)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="173" />
        <source>바꿀 때만 입력 (숫자 6~12자리)</source>
        <translation>Only to change it (6–12 digits)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="182" />
        <source>서버와 연결이 끊겨 있어 정원과 PIN은 지금 바꿀 수 없습니다 — 이 컴퓨터의 설정은 저장됩니다. 연결이 돌아오면 다시 여세요.</source>
        <translation>The shared server is unreachable: capacity and PIN cannot be changed now — this laptop's own settings are saved. Open this again once the connection is back.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="234" />
        <source>PIN은 숫자 6~12자리입니다</source>
        <translation>The PIN is 6–12 digits</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="231" />
        <source>PIN이 너무 쉽습니다: 같은 숫자만이나 이어지는 숫자(123456)는 쓸 수 없습니다</source>
        <translation>This PIN is too easy to guess: one digit repeated or a straight run (123456) is not allowed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="177" />
        <source>새 PIN 한 번 더</source>
        <translation>New PIN again</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="178" />
        <source>새 책임자 PIN</source>
        <translation>New supervisor PIN</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="193" />
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="194" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="221" />
        <source>PC 이름을 입력하세요</source>
        <translation>Enter the station name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/settings_dialog.py" line="226" />
        <source>두 PIN이 다릅니다</source>
        <translation>The two PINs differ</translation>
    </message>
</context>
<context>
    <name>SmtpForm</name>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="47" />
        <source>STARTTLS (보통 587)</source>
        <translation>STARTTLS (usually 587)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="48" />
        <source>SSL/TLS (보통 465)</source>
        <translation>SSL/TLS (usually 465)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="49" />
        <source>암호화 없음 (내부 서버)</source>
        <translation>No encryption (internal server)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="55" />
        <source>저장하지 않습니다</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="60" />
        <source> 초</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="69" />
        <source>서버 · 포트</source>
        <translation>Server · port</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="72" />
        <source>메일 간격</source>
        <translation>Delay between e-mails</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="74" />
        <source>보안</source>
        <translation>Security</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="77" />
        <source>비밀번호</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="79" />
        <source>아이디</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="80" />
        <source>보내는 사람</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="107" />
        <source>SMTP 서버 주소를 입력하세요.</source>
        <translation>Enter the SMTP server address.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="110" />
        <source>비밀번호를 입력하세요 (저장하지 않습니다).</source>
        <translation>Enter the password (it is not saved).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/smtp_form.py" line="127" />
        <source>SMTP로 보내려면 실제 보내는 사람 주소를 적어 주세요 (예: 사무국 &lt;invite@example.org&gt;).</source>
        <translation>To send by SMTP, enter a real sender address (e.g. Office &lt;invite@example.org&gt;).</translation>
    </message>
</context>
<context>
    <name>StaffWindow</name>
    <message>
        <location filename="../../kiosk/ui/staff_window.py" line="21" />
        <source>의전 알림 — {0} 키오스크</source>
        <translation>Protocol alerts — {0} kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff_window.py" line="24" />
        <source>{0}: 키오스크 모드 진행 중 — VIP 도착 알림은 여기에 나옵니다 (확인 Ctrl+K)</source>
        <translation>{0}: kiosk mode is on — VIP arrivals appear here (acknowledge Ctrl+K)</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="296" />
        <source>4. 확인</source>
        <translation>4. Summary</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="297" />
        <source>이대로 만들려면 '마침'(Enter)을 누르세요. 나중에 책임자가 고칠 수 있습니다.</source>
        <translation>Press 'Finish' (Enter) to create it. The supervisor can change it later.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="315" />
        <source>행사</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="315" />
        <source>장소</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="316" />
        <source>일시</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="317" />
        <source>정원</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="317" />
        <source>{0:,}명</source>
        <translation>{0:,} people</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="318" />
        <source>주최 · 후원</source>
        <translation>Hosts · sponsors</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="319" />
        <source>보내는 사람</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/event_wizard.py" line="322" />
        <source>프로그램</source>
        <translation>Program</translation>
    </message>
</context>
<context>
    <name>SupervisorActions</name>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="32" />
        <source>책임자 모드: 체크인 취소, 정원 초과 승인, 설정, 내보내기</source>
        <translation>Supervisor mode: undo check-ins, approve entry over capacity, settings, export</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="37" />
        <source>배지 재출력은 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can reprint a badge.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="38" />
        <source>재출력 (책임자 승인)</source>
        <translation>Reprint (supervisor approved)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="54" />
        <source>설정은 책임자만 바꿀 수 있습니다.</source>
        <translation>Only a supervisor can change settings.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="81" />
        <source>이 기능은 아직 설치되지 않았습니다</source>
        <translation>This feature is not installed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="88" />
        <source>명단 가져오기는 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can import a roster.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="93" />
        <source>초대장 발송은 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can send invitations.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="99" />
        <source>참석확인증 발송은 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can send certificates of attendance.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="105" />
        <source>내보내기는 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can export.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="111" />
        <source>충돌 정리는 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can resolve conflicts.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="123" />
        <source>동기화 확인 사항이 없습니다</source>
        <translation>No sync findings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="132" />
        <source>동기화 확인은 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can review sync findings.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/supervisor_actions.py" line="137" />
        <source>백업과 복원은 책임자만 할 수 있습니다.</source>
        <translation>Only a supervisor can back up and restore.</translation>
    </message>
</context>
<context>
    <name>SyncFindingsDialog</name>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="37" />
        <source>동기화 확인 사항</source>
        <translation>Sync findings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="40" />
        <source>연결이 끊긴 동안의 입장 기록을 서버에 올리면서 확인이 필요한 일이 {0}건 있습니다.</source>
        <translation>Uploading the check-ins made while disconnected found {0} thing(s) to check.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="46" />
        <source>시각</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="46" />
        <source>스테이션</source>
        <translation>Station</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="46" />
        <source>내용</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="46" />
        <source>조치</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="63" />
        <source>모든 항목은 감사 기록에 남아 있습니다. 확인하면 이 목록에서만 지워집니다.</source>
        <translation>Every item stays in the audit log. Acknowledging only clears this list.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="67" />
        <source>확인했습니다</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="68" />
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="78" />
        <source>정원 {0}명에 현재 {1}명: {2}명 초과 (이번 동기화로 {3}명, 그중 책임자 승인 {4}명)</source>
        <translation>Capacity {0}, present {1}: {2} over ({3} from this sync, {4} of them supervisor overrides)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="81" />
        <source>현장 안전 책임자에게 알리고 좌석을 확인하세요.</source>
        <translation>Tell the venue safety officer and check the seats.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="85" />
        <source>{0}: 연결이 끊긴 동안 입장했으나 그사이 서버에서 등록이 취소되었습니다.</source>
        <translation>{0}: admitted while disconnected, but the registration was cancelled on the server meanwhile.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/sync_findings_dialog.py" line="86" />
        <source>입장 상태로 두었습니다. 퇴장 또는 입장 취소는 최근 체크인에서 하세요.</source>
        <translation>Kept as present. Check them out or undo the check-in from recent check-ins.</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="99" />
        <source>QR 코드를 보여 주세요</source>
        <translation>Please show your QR code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="100" />
        <source>휴대전화 화면이나 인쇄한 초대장의 QR 코드를 스캐너에 대 주세요</source>
        <translation>Hold the QR code on your phone or printed invitation up to the scanner</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="103" />
        <source>QR 코드를 스캔하세요</source>
        <translation>Scan a QR code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="104" />
        <source>스캐너나 카메라로 초대장의 QR 코드를 읽으면 결과가 여기에 바로 나옵니다.</source>
        <translation>Read the invitation's QR code with the scanner or camera: the result appears here at once.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="105" />
        <source>QR이 없으면 이름 검색 F2 · 명단에 없으면 현장등록 F3</source>
        <translation>No QR code: name search F2 · not on the roster: walk-in F3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="127" />
        <source>의전 {0}</source>
        <translation>Protocol: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="129" />
        <source>발표자</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="131" />
        <source>현장등록</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="133" />
        <source>수행원 {0}명</source>
        <translation>{0} companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="170" />
        <source>입장이 확인되었습니다. 즐거운 시간 되세요.</source>
        <translation>You are checked in. Enjoy the event.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="171" />
        <source>{0} 입장 확인 · {1}</source>
        <translation>Checked in at {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="166" />
        <location filename="../../kiosk/ui/verdict_panel.py" line="174" />
        <source>배지 출력 Ctrl+P</source>
        <translation>Print badge Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="135" />
        <source>재입장</source>
        <translation>Re-entry</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="151" />
        <source>{0}님, 안녕히 가세요</source>
        <translation>Goodbye, {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="151" />
        <source>퇴장이 확인되었습니다.</source>
        <translation>Your check-out is confirmed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="153" />
        <source>퇴장: {0}님, 안녕히 가세요</source>
        <translation>Checked out: goodbye, {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="154" />
        <source>{0} 퇴장 확인 · {1} 입장</source>
        <translation>Checked out {0} · came in {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="155" />
        <source>퇴장 모드 F6 끄기 · 다시 들어오면 재입장으로 기록됩니다</source>
        <translation>F6 ends check-out mode · coming back is recorded as a re-entry</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="163" />
        <source>재입장이 확인되었습니다.</source>
        <translation>Your re-entry is confirmed.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="164" />
        <source>{0} 재입장 확인 · {1} · 이전 입장 {2}</source>
        <translation>Re-entry {0} · {1} · earlier visits {2}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="173" />
        <source>{0} {1} 대리 참석</source>
        <translation>Deputy for {0} {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="176" />
        <source>수행원 수 Alt+0…Alt+{0} · 배지 출력 Ctrl+P</source>
        <translation>Companions Alt+0…Alt+{0} · print badge Ctrl+P</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="181" />
        <source>이미 입장하셨습니다</source>
        <translation>You are already checked in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="181" />
        <source>{0}에 입장이 확인되었습니다.</source>
        <translation>You were checked in at {0}.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="183" />
        <source>이미 입장했습니다: {0}</source>
        <translation>Already checked in: {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="184" />
        <source>처음 입장 {0} · {1}</source>
        <translation>First checked in at {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="185" />
        <source>같은 분이 맞는지 확인하세요. 잘못된 입장은 최근 체크인에서 취소(책임자)</source>
        <translation>Make sure it is the same person. A wrong check-in can be undone under Recent (supervisor).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="190" />
        <source>이 PC는 서버와 연결되지 않은 채 시작해서 맡아 둔 좌석이 없습니다. 다른 입구의 입장을 알 수 없어 더 들이면 정원을 넘을 수 있습니다.</source>
        <translation>This station started without the server and holds no share of the seats. It cannot know what the other entrances admitted: letting more in could overfill the room.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="194" />
        <source>서버와 연결이 끊긴 동안 이 PC에 맡겨진 좌석을 다 썼습니다. 다른 입구의 입장을 알 수 없어 더 들이면 정원을 넘을 수 있습니다.</source>
        <translation>This station has used the seats it holds while apart from the server. It cannot see the other doors, so admitting more could overfill the room.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="197" />
        <source>남은 좌석 {0}석은 다른 입구에 나눠 맡긴 몫입니다 (입구가 끊겨도 정원을 지키려고).</source>
        <translation>The {0} remaining seats are held as other doors' shares (so capacity holds even if a door loses the server).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="203" />
        <source>안내 데스크로 와 주세요. 도와드리겠습니다.</source>
        <translation>Please come to the front desk. We will help you.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="205" />
        <source>책임자 승인으로 입장 F12 · Esc 로 지우기</source>
        <translation>Let in with supervisor approval F12 · Esc to clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="206" />
        <source>Esc 로 지우기 · 이름 검색 F2</source>
        <translation>Esc to clear · name search F2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="210" />
        <source>명단에 없는 코드입니다</source>
        <translation>This code is not on the roster</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="210" />
        <source>이름 검색(F2)으로 찾거나 현장등록(F3)을 하세요.</source>
        <translation>Find the guest by name (F2) or register a walk-in (F3).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="212" />
        <source>위조되었거나 손상된 코드입니다</source>
        <translation>Forged or damaged code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="213" />
        <source>이 코드로는 입장할 수 없습니다. 신분을 확인한 뒤 이름 검색(F2)으로 체크인하세요.</source>
        <translation>This code cannot be used. Check the guest's identity, then check them in by name (F2).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="216" />
        <source>다른 행사의 코드입니다</source>
        <translation>Code from another event</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="216" />
        <source>이 행사의 초대장이 아닙니다. 이름 검색(F2)으로 확인하세요.</source>
        <translation>This is not an invitation to this event. Check by name (F2).</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="218" />
        <source>등록이 취소된 분입니다</source>
        <translation>Registration cancelled</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="218" />
        <source>입장 여부는 현장 책임자에게 확인하세요.</source>
        <translation>Ask the supervisor whether they may enter.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="220" />
        <source>정원이 찼습니다</source>
        <translation>The room is full</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="220" />
        <source>남은 좌석이 없습니다. 입장은 현장 책임자의 승인이 필요합니다.</source>
        <translation>No seats left. Entry needs the supervisor's approval.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="222" />
        <source>입장 기록이 없습니다</source>
        <translation>Not checked in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="222" />
        <source>이 분은 지금 입장해 있지 않습니다.</source>
        <translation>This person is not inside now.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="223" />
        <source>읽을 수 없는 코드입니다</source>
        <translation>Unreadable code</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/verdict_panel.py" line="223" />
        <source>다시 스캔하거나 이름 검색(F2)을 이용하세요.</source>
        <translation>Scan again or use name search (F2).</translation>
    </message>
</context>
<context>
    <name>VipAlertBar</name>
    <message>
        <location filename="../../kiosk/ui/vip_alert.py" line="88" />
        <source>확인 (Ctrl+K)</source>
        <translation>Acknowledge (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/vip_alert.py" line="104" />
        <source>의전 알림 — {0} {1} 정원 초과로 입장 대기 (책임자 승인 F12)</source>
        <translation>Protocol alert — {0} {1} waiting: room full (supervisor approval F12)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/vip_alert.py" line="107" />
        <source>의전 알림 — {0} {1} 도착</source>
        <translation>Protocol alert — {0} ({1}) has arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/vip_alert.py" line="108" />
        <source> · 외 {0}명 대기</source>
        <translation> · {0} more waiting</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/vip_alert.py" line="109" />
        <source> · 수행원 {0}명</source>
        <translation> · {0} companions</translation>
    </message>
</context>
<context>
    <name>WalkInForm</name>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="67" />
        <location filename="../../kiosk/ui/walkin_form.py" line="160" />
        <source>현장등록</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="88" />
        <source> 명</source>
        <translation> people</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="89" />
        <source>배지 출력</source>
        <translation>Print badge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="101" />
        <source>이름 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="101" />
        <source>소속 *</source>
        <translation>Organization *</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="102" />
        <source>직위</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="102" />
        <source>구분</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="103" />
        <source>휴대전화</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="103" />
        <source>이메일</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="104" />
        <source>수행원</source>
        <translation>Companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="135" />
        <source>등록하고 체크인 (Enter)</source>
        <translation>Register and check in (Enter)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="138" />
        <source>책임자 승인으로 입장</source>
        <translation>Admit with supervisor approval</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="151" />
        <source>부처</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="152" />
        <source>지역발전위원회</source>
        <translation>Regional Development Committee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="153" />
        <source>국회의원</source>
        <translation>National Assembly member</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="154" />
        <source>지자체</source>
        <translation>Local government</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="155" />
        <source>지역기관</source>
        <translation>Regional institution</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="156" />
        <source>학계</source>
        <translation>Academia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="157" />
        <source>언론</source>
        <translation>Press</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="158" />
        <source>포럼</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="159" />
        <source>운영요원</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="161" />
        <source>기타</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="245" />
        <source>정원을 넘는 현장등록은 책임자 승인이 필요합니다.</source>
        <translation>A walk-in over capacity needs the supervisor's approval.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="268" />
        <source>정원이 찼습니다. 책임자 승인이 있어야 입장할 수 있습니다.</source>
        <translation>The room is full. Entry needs the supervisor's approval.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="290" />
        <source>같은 전화번호</source>
        <translation>same phone</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="290" />
        <source>같은 이메일</source>
        <translation>same e-mail</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="291" />
        <source>같은 이름·소속</source>
        <translation>same name and organization</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="292" />
        <source>명단에 이미 있는 분일 수 있습니다</source>
        <translation>This person may already be on the roster</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="298" />
        <source> — 이미 입장함</source>
        <translation> — already checked in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="301" />
        <source>{0} 님으로 체크인</source>
        <translation>Check in {0}</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/walkin_form.py" line="312" />
        <source>새로 등록하려면 Enter를 한 번 더 누르세요.</source>
        <translation>To register a new person anyway, press Enter again.</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="65" />
        <source>체크인 키오스크에 오신 것을 환영합니다</source>
        <translation>Welcome to the check-in kiosk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="69" />
        <source>이 파일에는 아직 행사가 없습니다: {0}
행사마다 파일이 하나씩 만들어집니다.</source>
        <translation>This file has no event yet: {0}
Each event gets a file of its own.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="78" />
        <source>새 행사 만들기 (Ctrl+N)</source>
        <translation>New event (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="79" />
        <source>시연 행사 열기 (Ctrl+D)</source>
        <translation>Open the demo event (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="80" />
        <source>행사 파일 열기… (Ctrl+O)</source>
        <translation>Open an event file… (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="91" />
        <source>최근 행사 (Enter로 열기)</source>
        <translation>Recent events (Enter opens)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/welcome.py" line="100" />
        <source>(아직 없습니다)</source>
        <translation>(none yet)</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="47" />
        <source>파일(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="49" />
        <source>새 행사…</source>
        <translation>New event…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="50" />
        <source>행사 열기…</source>
        <translation>Open event…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="51" />
        <source>최근 행사</source>
        <translation>Recent events</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="55" />
        <source>다른 이름으로 복사… (책임자)</source>
        <translation>Copy as new event… (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="57" />
        <source>행사 정보 편집 (책임자)</source>
        <translation>Edit event (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="61" />
        <source>끝내기</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="62" />
        <source>체크인(&amp;C)</source>
        <translation>&amp;Check-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="63" />
        <source>이름 검색</source>
        <translation>Name search</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="64" />
        <source>현장등록</source>
        <translation>Walk-in registration</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="65" />
        <source>최근 체크인</source>
        <translation>Recent check-ins</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="66" />
        <source>퇴장 모드 켜기/끄기</source>
        <translation>Check-out mode on/off</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="67" />
        <source>배지 출력</source>
        <translation>Print badge</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="68" />
        <source>배지 재출력 (책임자)</source>
        <translation>Reprint badge (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="69" />
        <source>체크인 취소 (책임자)</source>
        <translation>Undo check-in (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="70" />
        <source>정원 초과 입장 승인 (책임자)</source>
        <translation>Approve entry over capacity (supervisor)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="71" />
        <source>VIP 알림 확인</source>
        <translation>Acknowledge VIP alert</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="73" />
        <source>수행원 {0}명</source>
        <translation>{0} companions</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="74" />
        <source>지우기</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="75" />
        <source>보기(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="76" />
        <source>새로고침</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="77" />
        <source>체크인 데스크</source>
        <translation>Check-in desk</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="78" />
        <source>명단</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="79" />
        <source>VIP · 발표자</source>
        <translation>VIPs · speakers</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="80" />
        <source>의전</source>
        <translation>Protocol</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="81" />
        <source>내빈 소개 카드 (지금 참석한 분)</source>
        <translation>MC's introduction card (guests present now)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="82" />
        <source>의전 현황판</source>
        <translation>Protocol board</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="83" />
        <source>카메라</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="84" />
        <source>키오스크 모드 (나갈 때 {0})</source>
        <translation>Kiosk mode (leave with {0})</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="85" />
        <source>책임자(&amp;S)</source>
        <translation>&amp;Supervisor</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="87" />
        <source>책임자 모드 켜기/끄기</source>
        <translation>Supervisor mode on/off</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="88" />
        <source>설정</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="89" />
        <source>명단 가져오기</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="90" />
        <source>초대장 보내기</source>
        <translation>Send invitations</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="91" />
        <source>참석 보고서 내보내기</source>
        <translation>Export attendance report</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="92" />
        <source>참석확인증 메일 보내기</source>
        <translation>Send certificates of attendance</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="93" />
        <source>백업 · 복원</source>
        <translation>Backup · restore</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="94" />
        <source>충돌 확인 (두 PC가 같은 사람을 입장시킨 기록)</source>
        <translation>Conflicts (one guest admitted by two stations)</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/window_menus.py" line="95" />
        <source>동기화 확인 사항 (정원 초과, 취소된 분 입장)</source>
        <translation>Sync findings (over capacity, cancelled guests admitted)</translation>
    </message>
</context>
<context>
    <name>faults</name>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="80" />
        <source>체크인을 멈췄습니다: 데이터베이스 파일이 바뀌었습니다</source>
        <translation>Check-in stopped: the database file changed</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="81" />
        <source>이 프로그램이 쓰고 있던 데이터베이스 파일(또는 -wal 파일)이 다른 프로그램에 의해 지워졌거나 바뀌었습니다. 이대로 체크인을 받으면 기록이 사라지므로 더 이상 스캔을 받지 않습니다.</source>
        <translation>The database file (or its -wal file) this program was writing was deleted or replaced by another program. Check-ins taken now would be lost, so no more scans are accepted.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="86" />
        <source>다른 체크인 프로그램이나 명령을 모두 멈추고 책임자에게 알리세요. 아래 목록 맨 위의 '긴급 사본'에 지금까지의 체크인이 있습니다: 그것을 골라 복원하면 프로그램이 다시 시작됩니다.</source>
        <translation>Stop every other check-in program and command, and call the supervisor. The 'rescue copy' at the top of the list below holds every check-in so far: choose it and restore, and the program starts again.</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="212" />
        <source>긴급 사본</source>
        <translation>rescue copy</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/faults.py" line="212" />
        <source>초기화 전</source>
        <translation>before reset</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="17" />
        <source>부처</source>
        <translation>Ministry</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="18" />
        <source>지역발전위원회</source>
        <translation>Regional Development Committee</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="19" />
        <source>국회의원</source>
        <translation>National Assembly member</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="20" />
        <source>지자체</source>
        <translation>Local government</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="21" />
        <source>지역기관</source>
        <translation>Regional institution</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="22" />
        <source>학계</source>
        <translation>Academia</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="23" />
        <source>언론</source>
        <translation>Press</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="24" />
        <source>포럼</source>
        <translation>Forum</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="25" />
        <source>운영요원</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="26" />
        <source>현장등록</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="27" />
        <source>기타</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="29" />
        <source>미도착</source>
        <translation>Not arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="30" />
        <source>입장</source>
        <translation>Checked in</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="31" />
        <source>불참</source>
        <translation>no-show</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="32" />
        <source>초청 취소</source>
        <translation>Cancel invitation</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="34" />
        <source>장관</source>
        <translation>Minister</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="35" />
        <source>차관</source>
        <translation>Vice minister</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="36" />
        <source>위원장</source>
        <translation>Committee chair</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="37" />
        <source>의원</source>
        <translation>Lawmaker</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/translation_marks.py" line="38" />
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
</context>
<context>
    <name>protocol</name>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="53" />
        <source>도착</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="54" />
        <source>대리 도착</source>
        <translation>Deputy arrived</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="55" />
        <source>미도착</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/protocol_tab.py" line="56" />
        <source>퇴장</source>
        <translation>Left</translation>
    </message>
</context>
</TS>