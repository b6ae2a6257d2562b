package migpolicy.lib.pki_test

import data.migpolicy.lib.pki

test_octal_four_digits if {
	pki.octal(384) == "0600"
	pki.octal(0) == "0000"
	pki.octal(2541) == "4755"
	pki.octal(4095) == "7777"
}

test_octal_ignores_the_file_type if pki.octal(33188) == "0644"
