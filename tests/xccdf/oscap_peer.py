#!/usr/bin/env python3
"""tests/xccdf/oscap_peer.py: OpenSCAP as a peer for the XCCDF scoring models.

  prepare BENCHMARK OUT.xml   a copy of an XCCDF 1.2 benchmark (scap-security-
                              guide's) that declares the four scoring models,
                              applies to any platform, gives some rules and
                              groups weights, and has a profile, tenken_peer,
                              that selects a short list of rules
  convert RESULTS.xml DIR     from `oscap xccdf eval --results`: DIR/rules.tkn
                              (the selected rules as items, their groups as
                              sections, with the weights), DIR/answers.yaml
                              (the rule results) and DIR/oscap-scores (a line
                              per model: system, score, maximum)

A rule becomes an item of checklist `benchmark`, its id without the
`..._rule_` prefix; its groups become nested sections `g_NAME`. Results
pass, fixed, fail, error and unknown are answers on a scale whose best
option (pass, fixed) is the pass; a rule found notapplicable, notchecked or
informational is excluded when the fact of that name is true, which the
answers say; notselected rules and groups with no rule left are not carried.
"""
import re
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

XCCDF = '{http://checklists.nist.gov/xccdf/1.2}'
MODELS = ('default', 'flat', 'flat-unweighted', 'absolute')
ANSWERED = ('pass', 'fixed', 'fail', 'error', 'unknown')
LEFT_OUT = ('notapplicable', 'notchecked', 'informational')

# Rules of scap-security-guide's Debian benchmarks that OpenSCAP checks in
# about a second in all, with passes, fails and rules that do not apply in
# a container; a rule the benchmark lacks is left out of the profile.
RULES = '''prefer_64bit_os configure_user_data_backups sudo_add_requiretty
sudo_custom_logfile sudo_remove_nopasswd sudo_vdsm_nopasswd
package_gnutls-utils_installed gid_passwd_group_same accounts_no_uid_except_zero
accounts_umask_etc_profile root_path_no_dot accounts_polyinstantiated_tmp
file_groupowner_etc_group file_owner_etc_passwd file_permissions_etc_shadow
file_permissions_systemmap package_telnetd_removed package_nis_removed
partition_for_home sysctl_kernel_randomize_va_space service_auditd_enabled
set_iptables_default_rule'''.split()
# Weights for some of them and for some groups (the rest weigh 1).
RULE_WEIGHTS = {'prefer_64bit_os': '2', 'sudo_add_requiretty': '5', 'root_path_no_dot': '3',
                'file_permissions_systemmap': '0.25', 'package_nis_removed': '10'}
GROUP_WEIGHTS = {'software': '2', 'sudo': '3', 'accounts': '0.5', 'accounts-session': '4',
                 'permissions_important_account_files': '2', 'services': '1.5'}


def prepare(source, target):
    text = open(source, encoding='utf-8').read()
    prefix = re.search(r'<([\w.-]+:)?Benchmark\b', text).group(1) or ''
    # The benchmark's own platform (cpe:/o:debian:…) would make every rule
    # notapplicable on another release; the rules' platforms stay.
    text = re.sub(r'<%splatform idref="cpe:/o:[^"]*"\s*/>' % re.escape(prefix), '', text)
    rule_ids = {}
    for match in re.finditer(r'<%sRule\b[^>]*\bid="([^"]*_rule_([^"]*))"' % re.escape(prefix), text):
        rule_ids[match.group(2)] = match.group(1)
    for kind, weights in (('Rule', RULE_WEIGHTS), ('Group', GROUP_WEIGHTS)):
        for name, weight in weights.items():
            text = re.sub(r'(<%s%s\b[^>]*\bid="[^"]*_%s_%s")' %
                          (re.escape(prefix), kind, kind.lower(), re.escape(name)),
                          r'\1 weight="%s"' % weight, text, count=1)
    models = ''.join('<%smodel system="urn:xccdf:scoring:%s"/>\n  ' % (prefix, model)
                     for model in MODELS)
    # One element a line: OpenSCAP's reader skips an element that follows
    # an empty one with nothing between them.
    selects = ''.join('\n    <%sselect idref="%s" selected="true"/>' % (prefix, rule_ids[name])
                      for name in RULES if name in rule_ids)
    profile = ('<%sProfile id="xccdf_org.tenken_profile_peer">\n    <%stitle>tenken peer</%stitle>'
               '%s\n  </%sProfile>\n  ' % (prefix, prefix, prefix, selects, prefix))
    first = re.search(r'<%s(Profile|Value|Group|Rule)\b' % re.escape(prefix), text).start()
    text = text[:first] + models + profile + text[first:]
    open(target, 'w', encoding='utf-8').write(text)


def number(text):
    """A weight as tenken writes a number: 10.000000 is 10."""
    value = Decimal(text or '1').normalize()
    return format(value, 'f')


def quoted(text):
    """An untrusted title as a tenken string on one line."""
    text = ' '.join((text or '').split())
    return '"%s"' % text.replace('\\', '\\\\').replace('"', '\\"')


def short_id(long_id, kind):
    marker = '_%s_' % kind
    return long_id.split(marker, 1)[1] if marker in long_id else long_id


class Converter:
    def __init__(self, results):
        self.root = ET.parse(results).getroot()
        test_result = self.root.find(XCCDF + 'TestResult')
        self.results = {}
        self.weights = {}
        for rule_result in test_result.iter(XCCDF + 'rule-result'):
            idref = rule_result.get('idref')
            self.results[idref] = rule_result.find(XCCDF + 'result').text
            self.weights[idref] = rule_result.get('weight')
        self.scores = [(score.get('system'), score.text, score.get('maximum'))
                       for score in test_result.iter(XCCDF + 'score')]
        self.answers = []
        self.sections = set()
        self.left_out = set()

    def carried(self, element):
        """Whether a rule, or a group with such a rule, goes into the rule file."""
        if element.tag == XCCDF + 'Rule':
            return self.results.get(element.get('id'), 'notselected') != 'notselected'
        return element.tag == XCCDF + 'Group' and any(self.carried(child) for child in element)

    def rule(self, element, indent):
        rule_id = element.get('id')
        item_id = short_id(rule_id, 'rule')
        result = self.results[rule_id]
        fields = []
        weight = number(self.weights.get(rule_id) or element.get('weight'))
        if weight != '1':
            fields.append('weight %s' % weight)
        if result in LEFT_OUT:
            fields.append('exclude when %s because "%s"' % (result, result))
            self.left_out.add(result)
        else:
            self.answers.append('    %s: %s' % (quoted(item_id), result))
        title = quoted(element.findtext(XCCDF + 'title'))
        lines = ['%sitem %s %s' % (indent, quoted(item_id), title)]
        if fields:
            lines[0] += ' {'
            lines += ['%s  %s' % (indent, field) for field in fields] + ['%s}' % indent]
        return lines

    def group(self, element, indent):
        name = 'g_' + re.sub(r'\W', '_', short_id(element.get('id'), 'group'), flags=re.ASCII)
        while name in self.sections:
            name += '_'
        self.sections.add(name)
        title = quoted(element.findtext(XCCDF + 'title'))
        lines = ['%ssection %s %s {' % (indent, name, title)]
        weight = number(element.get('weight'))
        if weight != '1':
            lines.append('%s  weight %s' % (indent, weight))
        return lines + self.members(element, indent + '  ') + ['%s}' % indent]

    def members(self, parent, indent):
        lines = []
        for child in parent:
            if not self.carried(child):
                continue
            if child.tag == XCCDF + 'Rule':
                lines += self.rule(child, indent)
            else:
                lines += self.group(child, indent)
        return lines

    def write(self, directory):
        members = self.members(self.root, '  ')
        title = quoted(self.root.findtext(XCCDF + 'title'))
        scores = ['score default = xccdf_default(items)',
                  'score default_max = xccdf_default(max of items)',
                  'score flat = xccdf_flat(items)',
                  'score flat_max = xccdf_flat(max of items)',
                  'score flat_unweighted = xccdf_flat_unweighted(items)',
                  'score flat_unweighted_max = xccdf_flat_unweighted(max of items)',
                  'score absolute = xccdf_absolute(items)']
        # pass and fail, and the other results only where they occur (options
        # of equal points draw a warning)
        used = {answer.rsplit(' ', 1)[1] for answer in self.answers}
        kinds = [result for result in ANSWERED if result in used | {'pass', 'fail'}]
        width = max(len(result) for result in kinds)
        options = ['  %-*s %d "%s"' % (width, result, result in ('pass', 'fixed'), result)
                   for result in kinds]
        facts = ['fact %s : bool = false "OpenSCAP\'s result for the rule"' % result
                 for result in LEFT_OUT if result in self.left_out]
        rules = ['tenken 1', 'module tests.xccdf_peer', '',
                 '# Written by tests/xccdf/oscap_peer.py from OpenSCAP\'s results.',
                 'scale xccdf_result {'] + options + ['}', ''] + facts + \
                [''] * bool(facts) + ['checklist benchmark %s {' % title, '  scale xccdf_result'] + members + \
                ['  ' + line for line in scores] + ['}']
        with open(directory + '/rules.tkn', 'w', encoding='utf-8') as out:
            out.write('\n'.join(rules) + '\n')
        with open(directory + '/answers.yaml', 'w', encoding='utf-8') as out:
            out.write('tenken: 1\nrules: tests.xccdf_peer\nfacts:\n')
            out.write(''.join('  %s: true\n' % fact for fact in sorted(self.left_out)) or '  {}\n')
            out.write('answers:\n  benchmark:\n')
            out.write(''.join(line + '\n' for line in self.answers) or '    {}\n')
        with open(directory + '/oscap-scores', 'w', encoding='utf-8') as out:
            for system, score, maximum in self.scores:
                out.write('%s %s %s\n' % (system, score, maximum))


def main(argv):
    if len(argv) == 4 and argv[1] == 'prepare':
        prepare(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == 'convert':
        Converter(argv[2]).write(argv[3])
    else:
        sys.stderr.write('usage: oscap_peer.py prepare BENCHMARK OUT.xml | '
                         'convert RESULTS.xml DIR\n')
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
