;;; safe-use.clp — the cloud safe-use check sheet (rules/cloud-safe-use/safe-use.tkn)
;;; as a CLIPS 6.30 rule base, for bench/run.sh.
;;;
;;; Facts in: one (sheet (set N)) per answer set and one (answer (set N)
;;; (item "ID") (label "…")) per answer, converted from the JSON Lines file
;;; beforehand by bench/gen/clips_facts.py and read with load-facts. The table
;;; below gives each item's option labels (aliases such as 未確認 included)
;;; their points, 3/2/1/0, and their section. One rule per section adds an
;;; answer's points to its sheet's total and subtotal; when all 15 answers are
;;; in, the sheet is printed as "N TOTAL SELECTION OPERATION SECURITY" and
;;; retracted, so memory holds only sheets still being scored.

(deftemplate points (slot item) (slot label) (slot value) (slot section))
(deftemplate answer (slot set) (slot item) (slot label))
(deftemplate sheet
  (slot set)
  (slot answered (default 0))
  (slot total (default 0))
  (slot selection (default 0))
  (slot operation (default 0))
  (slot security (default 0)))

(defrule score-selection
  ?answer <- (answer (set ?set) (item ?item) (label ?label))
  (points (item ?item) (label ?label) (value ?value) (section selection))
  ?sheet <- (sheet (set ?set) (answered ?answered) (total ?total) (selection ?part))
  =>
  (retract ?answer)
  (modify ?sheet (answered (+ ?answered 1)) (total (+ ?total ?value)) (selection (+ ?part ?value))))

(defrule score-operation
  ?answer <- (answer (set ?set) (item ?item) (label ?label))
  (points (item ?item) (label ?label) (value ?value) (section operation))
  ?sheet <- (sheet (set ?set) (answered ?answered) (total ?total) (operation ?part))
  =>
  (retract ?answer)
  (modify ?sheet (answered (+ ?answered 1)) (total (+ ?total ?value)) (operation (+ ?part ?value))))

(defrule score-security
  ?answer <- (answer (set ?set) (item ?item) (label ?label))
  (points (item ?item) (label ?label) (value ?value) (section security))
  ?sheet <- (sheet (set ?set) (answered ?answered) (total ?total) (security ?part))
  =>
  (retract ?answer)
  (modify ?sheet (answered (+ ?answered 1)) (total (+ ?total ?value)) (security (+ ?part ?value))))

;;; The sheet has 15 items; a sheet with all of them scored is done.
(defrule sheet-done
  ?sheet <- (sheet (set ?set) (answered 15) (total ?total)
                   (selection ?selection) (operation ?operation) (security ?security))
  =>
  (printout t ?set " " ?total " " ?selection " " ?operation " " ?security crlf)
  (retract ?sheet))

;;; label → points, per item
(deffacts points-table
  (points (item "1") (label "すべて明確化できている") (value 3) (section selection))
  (points (item "1") (label "一部明確化できている") (value 2) (section selection))
  (points (item "1") (label "明確化できていない") (value 1) (section selection))
  (points (item "1") (label "わからない") (value 0) (section selection))
  (points (item "2") (label "確認した") (value 3) (section selection))
  (points (item "2") (label "確認中") (value 2) (section selection))
  (points (item "2") (label "まだ確認していない") (value 1) (section selection))
  (points (item "2") (label "未確認") (value 1) (section selection))
  (points (item "2") (label "わからない") (value 0) (section selection))
  (points (item "3") (label "確認した") (value 3) (section selection))
  (points (item "3") (label "確認中") (value 2) (section selection))
  (points (item "3") (label "まだ確認していない") (value 1) (section selection))
  (points (item "3") (label "未確認") (value 1) (section selection))
  (points (item "3") (label "わからない") (value 0) (section selection))
  (points (item "4") (label "問題がないことを確認済") (value 3) (section selection))
  (points (item "4") (label "一部不整合があるが修正対応中") (value 2) (section selection))
  (points (item "4") (label "問題があるが対処方法なし") (value 1) (section selection))
  (points (item "4") (label "わからない") (value 0) (section selection))
  (points (item "5") (label "確認した") (value 3) (section selection))
  (points (item "5") (label "確認中") (value 2) (section selection))
  (points (item "5") (label "まだ確認していない") (value 1) (section selection))
  (points (item "5") (label "未確認") (value 1) (section selection))
  (points (item "5") (label "わからない") (value 0) (section selection))
  (points (item "6") (label "すべて確認済（約款添付）") (value 3) (section selection))
  (points (item "6") (label "一部確認済（約款添付）") (value 2) (section selection))
  (points (item "6") (label "まだ確認していない") (value 1) (section selection))
  (points (item "6") (label "わからない") (value 0) (section selection))
  (points (item "7") (label "担当者アサイン済") (value 3) (section operation))
  (points (item "7") (label "担当者アサイン中") (value 2) (section operation))
  (points (item "7") (label "未了") (value 1) (section operation))
  (points (item "7") (label "わからない") (value 0) (section operation))
  (points (item "8") (label "すべて管理できている") (value 3) (section operation))
  (points (item "8") (label "一部管理できている") (value 2) (section operation))
  (points (item "8") (label "まだ確認していない") (value 1) (section operation))
  (points (item "8") (label "未確認") (value 1) (section operation))
  (points (item "8") (label "わからない") (value 0) (section operation))
  (points (item "9") (label "すべて管理できている") (value 3) (section operation))
  (points (item "9") (label "一部管理できている") (value 2) (section operation))
  (points (item "9") (label "まだ確認していない") (value 1) (section operation))
  (points (item "9") (label "未確認") (value 1) (section operation))
  (points (item "9") (label "わからない") (value 0) (section operation))
  (points (item "10") (label "すべて管理できている") (value 3) (section operation))
  (points (item "10") (label "一部管理できている") (value 2) (section operation))
  (points (item "10") (label "まだ確認していない") (value 1) (section operation))
  (points (item "10") (label "未確認") (value 1) (section operation))
  (points (item "10") (label "わからない") (value 0) (section operation))
  (points (item "11") (label "すべて具体的に公開されている") (value 3) (section security))
  (points (item "11") (label "一部公開されている") (value 2) (section security))
  (points (item "11") (label "公開されていない") (value 1) (section security))
  (points (item "11") (label "わからない") (value 0) (section security))
  (points (item "12") (label "ヘルプデスクあり") (value 3) (section security))
  (points (item "12") (label "ヘルプデスクなし") (value 2) (section security))
  (points (item "12") (label "まだ確認していない") (value 1) (section security))
  (points (item "12") (label "わからない") (value 0) (section security))
  (points (item "13") (label "確認した") (value 3) (section security))
  (points (item "13") (label "確認中") (value 2) (section security))
  (points (item "13") (label "まだ確認していない") (value 1) (section security))
  (points (item "13") (label "未確認") (value 1) (section security))
  (points (item "13") (label "わからない") (value 0) (section security))
  (points (item "14") (label "確認した") (value 3) (section security))
  (points (item "14") (label "確認中") (value 2) (section security))
  (points (item "14") (label "まだ確認していない") (value 1) (section security))
  (points (item "14") (label "未確認") (value 1) (section security))
  (points (item "14") (label "わからない") (value 0) (section security))
  (points (item "15") (label "確認した") (value 3) (section security))
  (points (item "15") (label "確認中") (value 2) (section security))
  (points (item "15") (label "まだ確認していない") (value 1) (section security))
  (points (item "15") (label "未確認") (value 1) (section security))
  (points (item "15") (label "わからない") (value 0) (section security))
)
