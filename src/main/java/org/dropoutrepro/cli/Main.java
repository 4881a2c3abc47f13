package org.dropoutrepro.cli;
public class Main { public static void main(String[] a) {} }
